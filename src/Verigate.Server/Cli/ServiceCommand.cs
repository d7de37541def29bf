using System.Globalization;
using Verigate.Core.VerifyServices;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>Verigate.Server service create --name X [--friendly-name "Acme"] [--code-length 6] [--locale en] | list</c>: makes
/// Verify services for the Twilio-compatible API on the configured store and prints the new SID.
/// </summary>
public static class ServiceCommand
{
    private const string Usage =
        "usage: service create --name <name> [--friendly-name <text>] [--code-length <4-10>] [--locale <tag>] | service list";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "service";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var directory = services.GetRequiredService<VerifyServiceDirectory>();
        switch (args.ElementAtOrDefault(1))
        {
            case "create" when Option(args, "--name") is { } name:
                var length = 6;
                if (Option(args, "--code-length") is { } lengthText && !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length))
                {
                    await error.WriteLineAsync("--code-length must be a number from 4 to 10.");
                    return 2;
                }

                var created = await directory.CreateAsync(name, Option(args, "--friendly-name"), length, Option(args, "--locale") ?? "en", CancellationToken.None);
                if (!created.IsSuccess)
                {
                    await error.WriteLineAsync(created.Error.Message);
                    return 1;
                }

                await output.WriteLineAsync(created.Value.Sid);
                await error.WriteLineAsync($"Created Verify service '{created.Value.Name}' ({created.Value.FriendlyName}, {created.Value.CodeLength} digits, {created.Value.Locale}).");
                return 0;

            case "list":
                foreach (var s in await directory.ListAsync(CancellationToken.None))
                {
                    await output.WriteLineAsync($"{s.Name}\t{s.Sid}\t{s.FriendlyName}\t{s.CodeLength} digits\t{s.Locale}");
                }

                return 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
