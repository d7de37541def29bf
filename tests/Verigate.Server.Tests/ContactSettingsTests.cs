using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>The contact-change settings are checked at start-up: a bad value stops the real binary with a message naming it.</summary>
public sealed class ContactSettingsTests
{
    [Theory]
    [InlineData("Contacts:ChangeHold", "00:00:10")]
    [InlineData("Contacts:ChangeHold", "31.00:00:00")]
    [InlineData("Contacts:UndoFor", "01:00:00")]
    public Task A_bad_contact_setting_stops_the_service_at_start_naming_it(string key, string value) =>
        ServerProcess.AssertStartRefusedAsync(key, value);
}
