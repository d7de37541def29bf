using System.CommandLine;
using Verigate.Core.ApiKeys;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>apikey create --name X | list | revoke --name X</c>: manages Verify API keys on the configured store. The
/// secret is printed once; only its hash is stored.
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create()
    {
        var apikey = new Command("apikey", "Manage Verify API keys in the configured store (shared by every instance).");
        apikey.Subcommands.Add(CreateCommand());
        apikey.Subcommands.Add(ListCommand());
        apikey.Subcommands.Add(RevokeCommand());
        return apikey;
    }

    private static Command CreateCommand()
    {
        var name = NameOption("A name for the key, unique among active keys.");
        var create = new Command("create", "Create a key and print its secret once (stdout); only its hash is stored.") { name }.AcceptingSettings();
        create.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            var secret = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(parsed.GetValue(name)!, ct);
            if (secret is null)
            {
                await Console.Error.WriteLineAsync($"An API key named '{parsed.GetValue(name)}' exists already.");
                return 1;
            }

            await Console.Out.WriteLineAsync(secret);
            await Console.Error.WriteLineAsync($"Created API key '{parsed.GetValue(name)}'. Store it now: it is shown only this once.");
            return 0;
        });
        return create;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List keys: name, id, creation time and whether revoked. Secrets are never shown.").AcceptingSettings();
        list.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            foreach (var key in await app.Services.GetRequiredService<ApiKeyService>().ListAsync(ct))
            {
                await Console.Out.WriteLineAsync($"{key.Name}\t{key.Id}\tcreated {key.CreatedAt:u}\t{(key.RevokedAt is { } r ? $"revoked {r:u}" : "active")}");
            }

            return 0;
        });
        return list;
    }

    private static Command RevokeCommand()
    {
        var name = NameOption("The name of the active key to revoke.");
        var revoke = new Command("revoke", "Revoke a key: requests with it are refused from then on.") { name }.AcceptingSettings();
        revoke.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            if (await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(parsed.GetValue(name)!, ct))
            {
                await Console.Out.WriteLineAsync($"Revoked API key '{parsed.GetValue(name)}'.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"No active API key is named '{parsed.GetValue(name)}'.");
            return 1;
        });
        return revoke;
    }

    private static Option<string> NameOption(string description)
    {
        var name = new Option<string>("--name") { Description = description, Required = true };
        name.Validators.Add(result =>
        {
            if (!ApiKeyService.IsValidName(result.GetValueOrDefault<string>()))
            {
                result.AddError($"--name must be 1-{ApiKeyService.MaxNameLength} letters, digits, '-', '_' or '.'.");
            }
        });
        return name;
    }
}
