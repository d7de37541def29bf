using System.CommandLine;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Results;
using Verigate.Core.Staff;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>staff create --name X --role agent|admin | list | disable --name X | renew-setup --name X</c>: manages the
/// support console's staff on the configured store. Nobody's password is chosen or printed here: creating a staff
/// member prints a single-use setup link where the person sets their own password and authenticator app.
/// </summary>
public static class StaffCommand
{
    /// <summary>What every audit event of this command names as its actor.</summary>
    public const string Actor = "cli";

    public static Command Create()
    {
        var staff = new Command("staff", "Manage support console staff in the configured store (shared by every instance).");
        staff.Subcommands.Add(CreateCommand());
        staff.Subcommands.Add(ListCommand());
        staff.Subcommands.Add(DisableCommand());
        staff.Subcommands.Add(RenewSetupCommand());
        return staff;
    }

    private static Command CreateCommand()
    {
        var name = NameOption("The staff member's sign-in name, unique (2-64 letters, digits, '-', '_' or '.').");
        var role = new Option<string>("--role") { Description = "agent (answers calls) or admin (also manages API keys and staff).", Required = true };
        role.AcceptOnlyFromAmong("agent", "admin");
        var create = new Command("create", "Create a staff member and print their single-use setup link (stdout).") { name, role }.AcceptingSettings();
        create.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            var created = await app.Services.GetRequiredService<StaffDirectory>()
                .CreateAsync(parsed.GetValue(name)!, StaffRoles.Parse(parsed.GetValue(role)) ?? StaffRole.Agent, Actor, ct);
            return await PrintLinkAsync(app, created, "Created");
        });
        return create;
    }

    private static Command RenewSetupCommand()
    {
        var name = NameOption("The enabled staff member who needs a new setup link (lost phone, forgotten password).");
        var renew = new Command("renew-setup", "Print a new setup link for a staff member; their password, authenticator and sessions stop working.") { name }.AcceptingSettings();
        renew.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            var renewed = await app.Services.GetRequiredService<StaffDirectory>().RenewSetupAsync(parsed.GetValue(name)!, Actor, ct);
            return await PrintLinkAsync(app, renewed, "Renewed the setup of");
        });
        return renew;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List staff: name, role, creation time and state. No secret is ever shown.").AcceptingSettings();
        list.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            foreach (var s in await app.Services.GetRequiredService<StaffDirectory>().ListAsync(ct))
            {
                var state = s.DisabledAt is { } d ? $"disabled {d:u}" : s.SetUpAt is null ? "setup pending" : "active";
                await Console.Out.WriteLineAsync($"{s.Name}\t{s.Role.ToWire()}\tcreated {s.CreatedAt:u}\t{state}");
            }

            return 0;
        });
        return list;
    }

    private static Command DisableCommand()
    {
        var name = NameOption("The staff member to disable.");
        var disable = new Command("disable", "Disable a staff member: they cannot sign in any more and their console sessions end.") { name }.AcceptingSettings();
        disable.SetAction(async (parsed, ct) =>
        {
            await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
            var disabled = await app.Services.GetRequiredService<StaffDirectory>().DisableAsync(parsed.GetValue(name)!, Actor, ct);
            if (!disabled.IsSuccess)
            {
                await Console.Error.WriteLineAsync(disabled.Error.Message);
                return 1;
            }

            await Console.Out.WriteLineAsync($"Disabled staff member '{disabled.Value.Name}'.");
            return 0;
        });
        return disable;
    }

    /// <summary>The link on stdout (all a script captures), what it is on stderr.</summary>
    private static async Task<int> PrintLinkAsync(WebApplication app, Result<StaffSetupLink> link, string done)
    {
        if (!link.IsSuccess)
        {
            await Console.Error.WriteLineAsync(link.Error.Message);
            return 1;
        }

        var baseUrl = app.Services.GetRequiredService<IOptions<VerigateOptions>>().Value.PublicBase;
        await Console.Out.WriteLineAsync(new Uri(baseUrl, StaffSetupLink.PagePath + link.Value.Token).ToString());
        await Console.Error.WriteLineAsync(
            $"{done} staff member '{link.Value.Staff.Name}' ({link.Value.Staff.Role.ToWire()}). Give them this single-use setup link, valid until {link.Value.ExpiresAt:u}: " +
            "they choose their own password and enrol an authenticator app there.");
        return 0;
    }

    private static Option<string> NameOption(string description)
    {
        var name = new Option<string>("--name") { Description = description, Required = true };
        name.Validators.Add(result =>
        {
            if (!StaffDirectory.IsValidName(result.GetValueOrDefault<string>()?.Trim()))
            {
                result.AddError($"--name must be {StaffDirectory.MinNameLength}-{StaffDirectory.MaxNameLength} letters, digits, '-', '_' or '.'.");
            }
        });
        return name;
    }
}
