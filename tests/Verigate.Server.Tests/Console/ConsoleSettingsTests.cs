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
    public Task A_bad_console_setting_stops_the_service_at_start_naming_it(string key, string value) =>
        ServerProcess.AssertStartRefusedAsync(key, value);
}
