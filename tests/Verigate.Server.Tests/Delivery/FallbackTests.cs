using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Storage;
using Verigate.Delivery.Fallback;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>When an account's SMS fails or stays unconfirmed, the same code goes to its verified email, and the timeline says so.</summary>
[Collection(KannelCollection.Name)]
public sealed class FallbackTests : IAsyncLifetime
{
    private SmtpSink _sink = null!;
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _sink = new SmtpSink();
        var port = LoopbackPort.Free();
        _server = new VerigateTestServer(SmtpSettings.For(_sink.Port, more: KannelComponent.Settings(port)), port: port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _sink.DisposeAsync();
    }

    [Theory]
    [InlineData("0002", "undeliv")]
    [InlineData("0016", "rejected")]
    public async Task A_failed_sms_sends_the_same_code_by_email_and_that_code_signs_in(string outcome, string name)
    {
        var (username, phone, email) = await AccountWithPhoneAndEmailAsync("fb_" + name, outcome);
        var challengeId = await NewDeviceLoginAsync(username);

        var mail = await _sink.WaitForAsync(email);

        var code = VerigateTestServer.CodeOf(new InboxMessage("1", email, "email", mail.Subject, mail.TextBody ?? string.Empty, DateTime.UtcNow));
        var timeline = await TimelineAsync(challengeId);
        Assert.Contains(timeline, d => d.Str("channel") == "sms" && d.Str("status") == "failed");
        var queuedEmail = timeline.First(d => d.Str("channel") == "email");
        Assert.Equal(FallbackLadder.FailedReason, queuedEmail.Str("detail"));
        if (outcome == "0002")
        {
            var sms = (await KannelComponent.WaitForReceivedAsync(phone, count: 2))[^1];
            Assert.EndsWith("#" + code, sms.Text, StringComparison.Ordinal);
        }

        using var anonymous = _server.Anonymous();
        var verified = await anonymous.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        Assert.Single(_sink.To(email));
    }

    [Fact]
    public async Task An_sms_never_confirmed_within_the_configured_time_also_goes_by_email()
    {
        var (username, phone, email) = await AccountWithPhoneAndEmailAsync("fb_silent", "0004");
        var challengeId = await NewDeviceLoginAsync(username);
        await KannelComponent.WaitForReceivedAsync(phone);
        await WaitForAsync(challengeId, d => d.Str("status") == "accepted");
        Assert.Empty(_sink.To(email));

        _server.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        await _sink.WaitForAsync(email);
        var timeline = await TimelineAsync(challengeId);
        Assert.Equal(FallbackLadder.UnconfirmedReason, timeline.First(d => d.Str("channel") == "email").Str("detail"));
    }

    [Fact]
    public async Task The_not_confirmed_in_time_deadline_survives_a_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("verigate-restart-").FullName;
        try
        {
            var port = LoopbackPort.Free();
            var settings = SmtpSettings.For(_sink.Port, more: KannelComponent.Settings(port));
            await _server.DisposeAsync();
            _server = new VerigateTestServer(settings, dataDirectory, port);
            var (username, phone, email) = await AccountWithPhoneAndEmailAsync("fb_restart", "0004");
            var challengeId = await NewDeviceLoginAsync(username);
            await KannelComponent.WaitForReceivedAsync(phone);
            await WaitForAsync(challengeId, d => d.Str("status") == "accepted");
            await WaitForDeadlineAsync(challengeId);

            // The instance that set the deadline goes away before it is due; a new one on the same store keeps it.
            await _server.DisposeAsync();
            _server = new VerigateTestServer(settings, dataDirectory, port);
            Assert.Empty(_sink.To(email));
            _server.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

            await _sink.WaitForAsync(email);
            var timeline = await TimelineAsync(challengeId);
            Assert.Equal(FallbackLadder.UnconfirmedReason, timeline.First(d => d.Str("channel") == "email").Str("detail"));
            await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
            Assert.DoesNotContain(await read.FallbackDeadlines.ListAsync(CancellationToken.None), d => d.ChallengeId == challengeId);
        }
        finally
        {
            await _server.DisposeAsync();
            _server = null!; // disposed here, before its data directory goes
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_verified_email_a_failed_sms_stays_failed()
    {
        var (username, _, email) = await AccountWithPhoneAndEmailAsync("fb_noemail", "0002", emailVerified: false);
        var challengeId = await NewDeviceLoginAsync(username);

        await WaitForAsync(challengeId, d => d.Str("status") == "failed");
        await Task.Delay(500);

        Assert.DoesNotContain(await TimelineAsync(challengeId), d => d.Str("channel") == "email");
        Assert.Empty(_sink.To(email));
    }

    [Fact]
    public async Task A_delivered_sms_never_falls_back()
    {
        var (username, _, email) = await AccountWithPhoneAndEmailAsync("fb_fine", "0001");
        var challengeId = await NewDeviceLoginAsync(username);
        await WaitForAsync(challengeId, d => d.Str("status") == "delivered");

        _server.Time.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(500);

        Assert.Empty(_sink.To(email));
    }

    [Theory]
    [InlineData("0001", "delivered")]
    [InlineData("0002", "failed")]
    public async Task A_password_reset_timeline_looks_the_same_for_a_real_and_an_unknown_login_and_never_falls_back(string outcome, string reported)
    {
        var (_, phone, email) = await AccountWithPhoneAndEmailAsync("pr_" + reported, outcome);
        var unknownPhone = KannelComponent.Phone(outcome);
        using var anonymous = _server.Anonymous();
        var real = (await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = phone })).JsonAsync()).Str("challengeId");
        var decoy = (await (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = unknownPhone })).JsonAsync()).Str("challengeId");

        // Wait (in the store, not through the API) until the real SMS got its final delivery report.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
            var events = await read.Deliveries.ListAsync(real, CancellationToken.None);
            if (events.Any(e => e.Status.ToString().Equals(reported, StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The real SMS got no final delivery report.");
            await Task.Delay(50);
        }

        await _server.WaitForOutboxDrainedAsync(); // the decoy's send, and any fallback (there must be none), are done
        var realView = (await TimelineAsync(real)).Select(Shape).ToList();
        var decoyView = (await TimelineAsync(decoy)).Select(Shape).ToList();
        Assert.Equal(["queued", "sent"], realView.Select(v => v.Status).ToArray());
        Assert.Equal(decoyView, realView);
        Assert.Empty(_sink.To(email));
    }

    private static (string Status, string? Detail, string Hint) Shape(JsonElement e) =>
        (e.Str("status"), e.GetProperty("detail").GetString(), e.Str("hint"));

    private async Task<(string Username, string Phone, string Email)> AccountWithPhoneAndEmailAsync(string username, string outcome, bool emailVerified = true)
    {
        var phone = KannelComponent.Phone(outcome);
        var email = $"{username}.{Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)}@example.org";
        using var anonymous = _server.Anonymous();
        var created = await anonymous.PostAsJsonAsync("/v1/accounts", new { username, password = "correct horse battery staple 9", phone });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = long.Parse((await created.JsonAsync()).Str("userId"), CultureInfo.InvariantCulture);

        // The phone is proven by sign-up in real life; the email by a contact change. Here both are set directly.
        var store = _server.Services.GetRequiredService<IStore>();
        await using var tx = await store.BeginWriteAsync(CancellationToken.None);
        var now = _server.Time.GetUtcNow();
        Assert.True(await tx.Accounts.TryMarkContactVerifiedAsync(userId, new Destination(Channel.Sms, phone), now, CancellationToken.None));
        await tx.Accounts.InsertContactAsync(new Contact(Random.Shared.NextInt64(1, long.MaxValue), userId, new Destination(Channel.Email, email), emailVerified, now.AddSeconds(1)), CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return (username, phone, email);
    }

    private async Task<string> NewDeviceLoginAsync(string username)
    {
        using var anonymous = _server.Anonymous();
        var login = await anonymous.PostAsJsonAsync("/v1/sessions", new { login = username, password = "correct horse battery staple 9" });
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var body = await login.JsonAsync();
        Assert.Equal("sms", body.Str("channel"));
        return body.Str("challengeId");
    }

    private async Task<IReadOnlyList<JsonElement>> TimelineAsync(string challengeId)
    {
        using var anonymous = _server.Anonymous();
        return (await anonymous.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}/deliveries")).EnumerateArray().ToList();
    }

    private async Task WaitForDeadlineAsync(string challengeId)
    {
        var store = _server.Services.GetRequiredService<IStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using (var read = await store.OpenReadAsync(CancellationToken.None))
            {
                if ((await read.FallbackDeadlines.ListAsync(CancellationToken.None)).Any(d => d.ChallengeId == challengeId))
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "No fallback deadline was stored for the sent SMS.");
            await Task.Delay(50);
        }
    }

    private async Task WaitForAsync(string challengeId, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!(await TimelineAsync(challengeId)).Any(until))
        {
            Assert.True(DateTime.UtcNow < deadline, "The timeline did not reach the expected state.");
            await Task.Delay(50);
        }
    }
}
