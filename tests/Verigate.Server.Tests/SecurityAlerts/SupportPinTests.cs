using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Storage;
using Verigate.Core.SupportPins;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.SecurityAlerts;

/// <summary><c>POST /v1/me/support-pin</c>: 6 digits, 10 minutes, stored only as a keyed hash, replaced by a newer one, checked once.</summary>
public sealed class SupportPinTests : IAsyncLifetime
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

    private SupportPinService Pins => _server.Services.GetRequiredService<SupportPinService>();

    private static async Task<(string Pin, DateTime ExpiresAt)> CreateAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/me/support-pin", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var json = await response.JsonAsync();
        return (json.Str("pin"), json.GetProperty("expiresAt").GetDateTime());
    }

    [Fact]
    public async Task A_pin_is_six_digits_valid_ten_minutes_stored_hashed_and_works_once()
    {
        var account = await _steps.SignUpAsync();
        var userId = long.Parse(account.UserId, CultureInfo.InvariantCulture);
        using var client = _server.SignedIn(account.SessionToken);
        var (pin, expiresAt) = await CreateAsync(client);
        Assert.Matches(@"^\d{6}$", pin);
        Assert.Equal(_server.Time.GetUtcNow().AddMinutes(10).UtcDateTime, expiresAt, TimeSpan.FromSeconds(1));

        await using (var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None))
        {
            var stored = await read.SupportPins.GetAsync(userId, CancellationToken.None);
            Assert.NotNull(stored);
            Assert.Equal(32, stored.PinHash.Length);
            Assert.DoesNotContain(pin, Convert.ToHexString(stored.PinHash) + Encoding.Latin1.GetString(stored.PinHash), StringComparison.Ordinal);
        }

        Assert.False(await Pins.VerifyAsync(userId + 1, pin, "agent:test", CancellationToken.None)); // someone else's account
        Assert.True(await Pins.VerifyAsync(userId, pin, "agent:test", CancellationToken.None));
        Assert.False(await Pins.VerifyAsync(userId, pin, "agent:test", CancellationToken.None)); // single use
    }

    [Fact]
    public async Task A_pin_expires_after_ten_minutes()
    {
        var account = await _steps.SignUpAsync();
        var userId = long.Parse(account.UserId, CultureInfo.InvariantCulture);
        using var client = _server.SignedIn(account.SessionToken);
        var (pin, _) = await CreateAsync(client);
        _server.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.False(await Pins.VerifyAsync(userId, pin, "agent:test", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_pin_replaces_the_old_one_and_wrong_guesses_end_it()
    {
        var account = await _steps.SignUpAsync();
        var userId = long.Parse(account.UserId, CultureInfo.InvariantCulture);
        using var client = _server.SignedIn(account.SessionToken);
        var (first, _) = await CreateAsync(client);
        var (second, _) = await CreateAsync(client);
        if (first != second)
        {
            Assert.False(await Pins.VerifyAsync(userId, first, "agent:test", CancellationToken.None));
        }

        var (third, _) = await CreateAsync(client);
        var wrong = third == "000000" ? "000001" : "000000";
        for (var i = 0; i < SupportPinService.MaxAttempts; i++)
        {
            Assert.False(await Pins.VerifyAsync(userId, wrong, "agent:test", CancellationToken.None));
        }

        Assert.False(await Pins.VerifyAsync(userId, third, "agent:test", CancellationToken.None)); // five wrong checks ended it
        Assert.False(await Pins.VerifyAsync(userId, "12345", "agent:test", CancellationToken.None)); // malformed
    }

    [Fact]
    public async Task Pins_are_rate_limited_per_account_and_need_a_session()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        for (var i = 0; i < SupportPinService.PerAccount.Count; i++)
        {
            await CreateAsync(client);
        }

        var limited = await (await client.PostAsync("/v1/me/support-pin", null)).ProblemAsync(429, "rate_limited");
        Assert.Equal("support_pins_per_account", limited.Str("limit"));
        using var anonymous = _server.Anonymous();
        await (await anonymous.PostAsync("/v1/me/support-pin", null)).ProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task Creating_a_pin_shows_in_the_activity()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.SignedIn(account.SessionToken);
        var (pin, _) = await CreateAsync(client);
        var activity = await (await client.GetAsync("/v1/me/activity")).JsonAsync();
        Assert.Equal("support_pin_created", activity[0].Str("type"));
        Assert.DoesNotContain(pin, activity.GetRawText(), StringComparison.Ordinal);
    }
}
