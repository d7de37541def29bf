using Verigate.Core.ApiKeys;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>Verigate.Server apikey create --name X | list | revoke --name X</c>: manages Verify API keys on the configured
/// store. The secret is printed once; only its hash is stored.
/// </summary>
public static class ApiKeyCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "apikey";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var keys = services.GetRequiredService<ApiKeyService>();
        var name = NameArgument(args);
        switch (args.ElementAtOrDefault(1))
        {
            case "create" when ApiKeyService.IsValidName(name):
                var secret = await keys.CreateAsync(name!, CancellationToken.None);
                if (secret is null)
                {
                    await error.WriteLineAsync($"An API key named '{name}' exists already.");
                    return 1;
                }

                await output.WriteLineAsync(secret);
                await error.WriteLineAsync($"Created API key '{name}'. Store it now: it is shown only this once.");
                return 0;

            case "list":
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                {
                    await output.WriteLineAsync($"{key.Name}\t{key.Id}\tcreated {key.CreatedAt:u}\t{(key.RevokedAt is { } r ? $"revoked {r:u}" : "active")}");
                }

                return 0;

            case "revoke" when ApiKeyService.IsValidName(name):
                if (await keys.RevokeAsync(name!, CancellationToken.None))
                {
                    await output.WriteLineAsync($"Revoked API key '{name}'.");
                    return 0;
                }

                await error.WriteLineAsync($"No active API key is named '{name}'.");
                return 1;

            default:
                await error.WriteLineAsync(
                    "usage: apikey create --name <name> | apikey list | apikey revoke --name <name>\n" +
                    $"  names: 1-{ApiKeyService.MaxNameLength} letters, digits, '-', '_' or '.'");
                return 2;
        }
    }

    private static string? NameArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--name");
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
