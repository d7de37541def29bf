using System.CommandLine;
using Verigate.Core.VerifyServices;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>service create --name X [--friendly-name "Acme"] [--code-length 6] [--locale en] | list</c>: makes Verify services
/// for the Twilio-compatible API on the configured store and prints the new SID.
/// </summary>
public static class ServiceCommand
{
    public static Command Create()
    {
        var service = new Command("service", "Manage Verify services of the Twilio-compatible API (/v2) in the configured store.");
        service.Subcommands.Add(CreateCommand());
        service.Subcommands.Add(ListCommand());
        return service;
    }

    private static Command CreateCommand()
    {
        var name = new Option<string>("--name") { Description = "A name for the service, unique (1-64 letters, digits, '-', '_', '.').", Required = true };
        var friendly = new Option<string?>("--friendly-name") { Description = "1-30 printable characters (default: the name)." };
        var length = new Option<int>("--code-length") { Description = "Digits per code, 4-10.", DefaultValueFactory = _ => 6 };
        var locale = new Option<string>("--locale") { Description = "Language of the messages, such as de or pt-BR.", DefaultValueFactory = _ => "en" };
        var create = new Command("create", "Create a service and print its SID (stdout).") { name, friendly, length, locale }.AcceptingSettings();
        create.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            var created = await app.Services.GetRequiredService<VerifyServiceDirectory>().CreateAsync(
                parsed.GetValue(name), parsed.GetValue(friendly), parsed.GetValue(length), parsed.GetValue(locale)!, ct);
            if (!created.IsSuccess)
            {
                await Console.Error.WriteLineAsync(created.Error.Message);
                return 1;
            }

            var s = created.Value;
            await Console.Out.WriteLineAsync(s.Sid);
            await Console.Error.WriteLineAsync($"Created Verify service '{s.Name}' ({s.FriendlyName}, {s.CodeLength} digits, {s.Locale}).");
            return 0;
        });
        return create;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List services (configured and stored): name, SID, friendly name, code length, locale.").AcceptingSettings();
        list.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            foreach (var s in await app.Services.GetRequiredService<VerifyServiceDirectory>().ListAsync(ct))
            {
                await Console.Out.WriteLineAsync($"{s.Name}\t{s.Sid}\t{s.FriendlyName}\t{s.CodeLength} digits\t{s.Locale}");
            }

            return 0;
        });
        return list;
    }
}
