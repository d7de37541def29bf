using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Console;

/// <summary>The console's settings are checked at start-up: a bad value stops the real binary with a message naming it.</summary>
public sealed class ConsoleSettingsTests
{
    [Theory]
    [InlineData("Console:IdleTimeout", "00:00:10")]
    [InlineData("Console:AbsoluteTimeout", "00:10:00")]
    [InlineData("Console:AbsoluteTimeout", "8.00:00:00")]
    [InlineData("Console:CallerVerifiedFor", "03:00:00")]
    public async Task A_bad_console_setting_stops_the_service_at_start_naming_it(string key, string value)
    {
        var data = Directory.CreateTempSubdirectory("verigate-console-").FullName;
        try
        {
            var run = await ServerProcess.RunCommandAsync(data, "--urls", "http://127.0.0.1:0", $"--{key}", value);

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(key, run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
