using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core;
using Verigate.Core.Passkeys;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.SecurityAlerts;

/// <summary>A passkey is a second factor: adding or removing one tells every verified contact (the ceremony itself is the web tests').</summary>
public sealed class PasskeyNoticeTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        _steps = new AccountSteps(_server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task WaitForSubjectAsync(string to, string subject)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await _server.WaitForMessagesAsync(to)).Any(m => m.Subject == subject))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No message '{subject}' to {to}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Adding_and_removing_a_passkey_tells_every_verified_contact()
    {
        var account = await _steps.SignUpAsync();
        var userId = long.Parse(account.UserId, CultureInfo.InvariantCulture);
        var settings = _server.Services.GetRequiredService<PasskeySettings>();
        var now = _server.Time.GetUtcNow();
        var client = new ClientContext("127.0.0.1", "test");
        var passkey = new Passkey([1, 2, 3, 4, 5, 6, 7, 8], userId, [9, 9, 9], 0, true, false, Guid.Empty, "Test key", now);

        Assert.True((await settings.AddAsync(passkey, now, client, CancellationToken.None)).IsSuccess);
        await WaitForSubjectAsync(account.Email, "A passkey was added to your Verigate account");

        Assert.True((await settings.RemoveAsync(userId, passkey.CredentialId, now, client, CancellationToken.None)).IsSuccess);
        await WaitForSubjectAsync(account.Email, "A passkey was removed from your Verigate account");
    }
}
