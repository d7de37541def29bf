using System.CommandLine;

namespace Verigate.Server.Cli;

/// <summary>
/// The command line: without a command the binary runs the server; every command lives in its own file under
/// Cli/ and is registered here with one line. Tokens no command claims (<c>--urls …</c>, <c>--Section:Key value</c>)
/// are configuration settings and go to the host.
/// </summary>
public static class VerigateCli
{
    /// <summary>Exit code for wrong usage (unknown command, missing or invalid option), as Unix tools do.</summary>
    public const int UsageExitCode = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Verigate: one-time codes by SMS and email, accounts and a Verify API.\n" +
            "Without a command it runs the server. Settings can be given as --Section:Key value (for example " +
            "--urls http://0.0.0.0:5080 --Storage:Provider Postgres); see docs/configuration.md.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction(ServeCommand.RunAsync);

        root.Subcommands.Add(ApiKeyCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(CheckConfigCommand.Create());
        root.Subcommands.Add(WebhookCommand.Create());
        root.Subcommands.Add(ServiceCommand.Create());
        root.Subcommands.Add(StaffCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message);
            }

            var command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')));
            await Console.Error.WriteLineAsync($"usage: {command} [options]; `{command} --help` lists them.".Trim());
            return UsageExitCode;
        }

        // The host handles SIGTERM and Ctrl+C itself (graceful shutdown); the parser must not race it. Failures are
        // reported by each command; one that escapes must reach a test host as an exception, not a printed trace.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
    }

    /// <summary>A command that reads configuration accepts settings after its own options, like the server does.</summary>
    public static T AcceptingSettings<T>(this T command)
        where T : Command
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    /// <summary>The tokens no command claimed: configuration for the host.</summary>
    public static string[] Settings(this ParseResult result) => [.. result.UnmatchedTokens];
}
