using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PhoneNumbers;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// Adding, changing and removing contacts over HTTP with a fake clock: the code goes to the new address, the old one is
/// told with an undo link (a GET changes nothing, the POST reverts and signs out), the 72-hour safety hold, the last
/// verified contact, a taken address that looks like success, the phone given at sign-up, and bad input.
/// </summary>
public sealed partial class ContactsTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private AccountSteps _steps = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["RateLimits:LoginsPerAccount:Count"] = "1000",
            ["Webhooks:AllowInsecureUrls"] = "true",
            ["Webhooks:AllowPrivateAddresses"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.050",
        }));
        _steps = new AccountSteps(_server);
        using var api = _server.Integrator();
        var created = await api.PostAsJsonAsync("/v1/webhooks", new { url = _receiver.Url, events = new[] { "contact.changed" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _receiver.Secrets.Add((await created.JsonAsync()).Str("secret"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Changing_the_email_sends_the_code_to_the_new_address_makes_it_primary_and_tells_the_old_one_with_an_undo_link()
    {
        var (username, oldEmail, session) = await SignedInAsync();
        var newEmail = $"new_{username}@example.org";
        using var client = _server.SignedIn(session);

        var started = await client.PostAsJsonAsync("/v1/me/contacts", new { email = newEmail });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var json = await started.JsonAsync();
        Assert.Equal("email", json.Str("channel"));
        Assert.DoesNotContain(newEmail, json.Str("to"), StringComparison.Ordinal);
        var code = await _server.CodeSentToAsync(newEmail);
        var sent = (await _server.WaitForMessagesAsync(newEmail))[0];
        Assert.Contains("new contact", sent.Subject, StringComparison.Ordinal); // the purpose in plain words

        var verified = await client.PostAsJsonAsync($"/v1/challenges/{json.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var contacts = (await verified.JsonAsync()).GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(2, contacts.Count);
        var primary = Assert.Single(contacts, c => c.GetProperty("primary").GetBoolean());
        Assert.Equal(json.Str("to"), primary.Str("to"));
        Assert.All(contacts, c => Assert.True(c.GetProperty("verified").GetBoolean()));

        // The old address is told what changed, when and from which device, with a single-use undo link.
        var notice = await WaitForNoticeAsync(oldEmail, "contact was changed");
        Assert.Contains(json.Str("to"), notice.Body, StringComparison.Ordinal);
        Assert.Contains("Firefox on Linux", notice.Body, StringComparison.Ordinal);
        Assert.Contains(_server.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC", notice.Body, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), notice.Body);

        // Codes now go to the new address first: a new-device sign-in by username.
        var login = await (await _steps.LoginAsync(username)).JsonAsync();
        Assert.Equal(json.Str("to"), login.Str("to"));

        var webhook = await _receiver.WaitForAsync(all => all.Any(r => r.Type == "contact.changed" && r.Data.Str("change") == "replaced"));
        var changed = webhook.First(r => r.Type == "contact.changed" && r.Data.Str("change") == "replaced");
        Assert.True(changed.SignatureValid);
        Assert.Equal("email", changed.Data.Str("channel"));
        Assert.DoesNotContain(newEmail, changed.Body, StringComparison.Ordinal);

        await using var read = await _server.Services.GetRequiredService<IStore>().OpenReadAsync(CancellationToken.None);
        var me = await _steps.MeAsync(session);
        var audit = (await read.Audit.ListForUserAsync(long.Parse(me.Str("userId"), CultureInfo.InvariantCulture), 100, CancellationToken.None)).Select(e => e.Type).ToList();
        Assert.Contains("contact.change_requested", audit);
        Assert.Contains("contact.changed", audit);
    }

    [Fact]
    public async Task The_undo_link_changes_nothing_when_opened_and_reverts_the_change_and_signs_out_everywhere_when_pressed()
    {
        var (username, oldEmail, session) = await SignedInAsync();
        var newEmail = $"thief_{username}@example.org";
        await ChangeEmailAsync(session, newEmail);
        var notice = await WaitForNoticeAsync(oldEmail, "contact was changed");
        var token = LinkPattern().Match(notice.Body).Groups[1].Value;

        // A mail scanner fetching the link changes nothing.
        using var browser = _server.Anonymous();
        var page = await browser.GetAsync($"/links/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Undo the change", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var german = new HttpRequestMessage(HttpMethod.Get, $"/links/{token}"))
        {
            german.Headers.Add("Accept-Language", "de-DE");
            var html = await (await browser.SendAsync(german)).Content.ReadAsStringAsync();
            Assert.Contains("lang=\"de\"", html, StringComparison.Ordinal);
            Assert.Contains("Kontaktänderung rückgängig machen", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await _steps.MeAsync(session)).GetProperty("contacts").GetArrayLength());

        // A cross-site POST (a scanner submitting the form) changes nothing either.
        using (var crossSite = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) })
        {
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);
        }

        Assert.Equal(2, (await _steps.MeAsync(session)).GetProperty("contacts").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await PressAsync(browser, token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PressAsync(browser, token)).StatusCode); // single use

        // Every session is signed out; the old address is the only one again and the new one is gone.
        using (var stale = _server.SignedIn(session))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/v1/me")).StatusCode);
        }

        await WaitForNoticeAsync(oldEmail, "was undone");
        var before = await CountAsync(oldEmail);
        var login = await (await _steps.LoginAsync(username)).JsonAsync();
        Assert.Equal("new_device", login.Str("reason"));
        var code = await _server.CodeSentToAsync(oldEmail, before + 1);
        Assert.Equal(HttpStatusCode.Created, (await browser.PostAsJsonAsync($"/v1/challenges/{login.Str("challengeId")}/verify", new { code })).StatusCode);
        await (await _steps.LoginAsync(newEmail)).ProblemAsync(401, "invalid_credentials");
        await _receiver.WaitForAsync(all => all.Any(r => r.Type == "contact.changed" && r.Data.Str("change") == "undone"));
    }

    [Fact]
    public async Task For_72_hours_the_new_address_cannot_reset_the_password_nor_let_the_old_one_be_removed()
    {
        var (username, oldEmail, session) = await SignedInAsync();
        var newEmail = $"held_{username}@example.org";
        await ChangeEmailAsync(session, newEmail);
        var oldId = await ContactIdAsync(session, c => !c.GetProperty("primary").GetBoolean());
        using var client = _server.SignedIn(session);
        var refused = await client.DeleteAsync($"/v1/me/contacts/{oldId}");
        var problem = await refused.ProblemAsync(409, "contact_on_hold");
        Assert.True(problem.GetProperty("retryAfter").GetInt32() > 71 * 3600);

        // A reset by the new address answers exactly like any reset, and sends nothing there.
        using var anonymous = _server.Anonymous();
        var messagesBefore = await CountAsync(newEmail);
        var byNew = await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = newEmail });
        Assert.Equal(HttpStatusCode.Accepted, byNew.StatusCode);
        var byNewJson = await byNew.JsonAsync();
        Assert.Equal("email", byNewJson.Str("channel"));
        Assert.NotEmpty(byNewJson.Str("challengeId"));
        // A reset by username goes to the old address, not the held one.
        var oldBefore = await CountAsync(oldEmail);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = username })).StatusCode);
        await _server.WaitForMessagesAsync(oldEmail, oldBefore + 1);
        await _server.WaitForOutboxDrainedAsync();
        Assert.Equal(messagesBefore, await CountAsync(newEmail));

        // After the hold: both work.
        _server.Time.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/v1/password-resets", new { login = newEmail })).StatusCode);
        await _server.WaitForMessagesAsync(newEmail, messagesBefore + 1);
        var fresh = await FreshSessionAsync(username, newEmail);
        using var freshClient = _server.SignedIn(fresh);
        Assert.Equal(HttpStatusCode.NoContent, (await freshClient.DeleteAsync($"/v1/me/contacts/{oldId}")).StatusCode);
        var left = (await _steps.MeAsync(fresh)).GetProperty("contacts");
        Assert.Equal(1, left.GetArrayLength());
        await WaitForNoticeAsync(oldEmail, "was removed");
    }

    [Fact]
    public async Task The_last_verified_contact_cannot_be_removed_and_removal_needs_a_fresh_session()
    {
        var (username, email, session) = await SignedInAsync(phone: "+4915140000501");
        using var client = _server.SignedIn(session);
        var emailId = await ContactIdAsync(session, c => c.Str("channel") == "email");
        var phoneId = await ContactIdAsync(session, c => c.Str("channel") == "sms");

        await (await client.DeleteAsync($"/v1/me/contacts/{emailId}")).ProblemAsync(409, "last_contact");
        await (await client.DeleteAsync("/v1/me/contacts/123")).ProblemAsync(404, "contact_not_found");
        await (await client.DeleteAsync("/v1/me/contacts/not-a-number")).ProblemAsync(400, "invalid_request");
        await (await client.DeleteAsync($"/v1/me/contacts/{emailId}0000000000000000000")).ProblemAsync(400, "invalid_request");

        // Another account's contact id is "not found" for this one.
        var other = await SignedInAsync();
        using (var otherClient = _server.SignedIn(other.Session))
        {
            await (await otherClient.DeleteAsync($"/v1/me/contacts/{phoneId}")).ProblemAsync(404, "contact_not_found");
        }

        _server.Time.Advance(TimeSpan.FromMinutes(11));
        await (await client.DeleteAsync($"/v1/me/contacts/{phoneId}")).ProblemAsync(403, "reauthentication_required");
        await (await client.PostAsJsonAsync("/v1/me/contacts", new { email = $"late_{username}@example.org" })).ProblemAsync(403, "reauthentication_required");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/me/reauthenticate", new { password = AccountSteps.Password })).StatusCode);

        // The unverified phone may go; the email, the only verified contact, may not.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/me/contacts/{phoneId}")).StatusCode);
        await (await client.DeleteAsync($"/v1/me/contacts/{emailId}")).ProblemAsync(409, "last_contact");
        Assert.Equal(1, (await _steps.MeAsync(session)).GetProperty("contacts").GetArrayLength());
        _ = email;
    }

    [Fact]
    public async Task Adding_an_address_another_account_has_verified_looks_like_success_and_only_its_owner_learns_it_is_taken()
    {
        var owner = await SignedInAsync();
        var (_, _, session) = await SignedInAsync();
        using var client = _server.SignedIn(session);

        var free = await client.PostAsJsonAsync("/v1/me/contacts", new { email = $"free_{AccountSteps.UniqueName()}@example.org" });
        var taken = await client.PostAsJsonAsync("/v1/me/contacts", new { email = owner.Email });
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(free.StatusCode, taken.StatusCode);
        var (freeJson, takenJson) = (await free.JsonAsync(), await taken.JsonAsync());
        Assert.Equal(freeJson.EnumerateObject().Select(p => p.Name), takenJson.EnumerateObject().Select(p => p.Name));

        // The code goes to the address; whoever reads it (its owner) learns on verifying that it is taken.
        var ownerMessages = await _server.WaitForMessagesAsync(owner.Email, 3); // sign-up, sign-in, then this code
        var code = VerigateTestServer.CodeOf(ownerMessages[0]);
        await (await client.PostAsJsonAsync($"/v1/challenges/{takenJson.Str("challengeId")}/verify", new { code })).ProblemAsync(409, "contact_taken");
        Assert.Equal(1, (await _steps.MeAsync(session)).GetProperty("contacts").GetArrayLength());

        // Its own verified address is simply refused.
        using var ownerClient = _server.SignedIn(owner.Session);
        await (await ownerClient.PostAsJsonAsync("/v1/me/contacts", new { email = owner.Email })).ProblemAsync(409, "contact_exists");
    }

    [Fact]
    public async Task The_phone_given_at_sign_up_is_verified_through_the_same_call_and_the_email_is_told()
    {
        const string phone = "+4915140000502";
        var (_, email, session) = await SignedInAsync(phone: phone);
        using var client = _server.SignedIn(session);
        var contactsBefore = (await _steps.MeAsync(session)).GetProperty("contacts");
        Assert.Contains(contactsBefore.EnumerateArray(), c => c.Str("channel") == "sms" && !c.GetProperty("verified").GetBoolean());

        var started = await client.PostAsJsonAsync("/v1/me/contacts", new { phone = "+49 151 40000502" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var json = await started.JsonAsync();
        Assert.Equal("sms", json.Str("channel"));
        var code = await _server.CodeSentToAsync(phone);
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{json.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var contacts = (await verified.JsonAsync()).GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(2, contacts.Count); // the same contact, now verified: no duplicate
        Assert.All(contacts, c => Assert.True(c.GetProperty("verified").GetBoolean()));
        Assert.All(contacts, c => Assert.True(c.GetProperty("primary").GetBoolean())); // each the primary of its kind

        // A new phone is a new authenticator: the email is told, with an undo link.
        var notice = await WaitForNoticeAsync(email, "new contact was added");
        Assert.Contains(json.Str("to"), notice.Body, StringComparison.Ordinal);
        Assert.Matches(LinkPattern(), notice.Body);

        // Once verified, asking again is refused.
        var again = await (await client.PostAsJsonAsync("/v1/me/contacts", new { phone })).ProblemAsync(409, "contact_exists");
        Assert.Equal("phone", again.Str("field"));
    }

    [Fact]
    public async Task The_typed_sub_resource_verifies_only_the_sessions_own_change()
    {
        var (username, _, session) = await SignedInAsync();
        var other = await SignedInAsync();
        var newEmail = $"sub_{username}@example.org";
        using var client = _server.SignedIn(session);
        var started = await (await client.PostAsJsonAsync("/v1/me/contacts", new { email = newEmail })).JsonAsync();
        var code = await _server.CodeSentToAsync(newEmail);
        var path = $"/v1/me/contacts/{started.Str("challengeId")}/verify";

        using (var stranger = _server.SignedIn(other.Session))
        {
            await (await stranger.PostAsJsonAsync(path, new { code })).ProblemAsync(404, "verification_not_found");
        }

        await (await client.PostAsJsonAsync(path, new { code = "12" })).ProblemAsync(400, "invalid_request");
        var verified = await client.PostAsJsonAsync(path, new { code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(2, (await verified.JsonAsync()).GetProperty("contacts").GetArrayLength());
        await (await client.PostAsJsonAsync(path, new { code })).ProblemAsync(404, "verification_not_found"); // single use
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "{}", "email", "invalid_request" },
        { """{"email":null,"phone":null}""", "email", "invalid_request" },
        { """{"email":"a@example.com","phone":"+4915140000503"}""", "phone", "invalid_request" },
        { """{"email":"a@example.com\r\nBcc: victim@example.com"}""", "email", "invalid_request" },
        { """{"email":"not an address"}""", "email", "invalid_destination" },
        { """{"email":["a@example.com"]}""", "email", "invalid_request" },
        { """{"phone":12345}""", "phone", "invalid_request" },
        { """{"phone":{"a":1}}""", "phone", "invalid_request" },
        { """{"phone":"015140000503"}""", "phone", "invalid_destination" },
        { """{"phone":"+49 151 4000\u0000503"}""", "phone", "invalid_request" },
        { """{"email":"a@example.com","extra":true}""", "extra", "invalid_request" },
        { "{\"email\":\"" + new string('a', 300) + "@example.com\"}", "email", "invalid_request" },
        { "[1,2]", "body", "invalid_request" },
        { "null", "body", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field, string code)
    {
        var (_, _, session) = await SignedInAsync();
        using var client = _server.SignedIn(session);
        var response = await client.PostAsync("/v1/me/contacts", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(400, code);
        Assert.Equal(field, problem.Str("field"));
    }

    [Fact]
    public async Task A_premium_rate_number_is_refused_like_at_sign_up()
    {
        var (_, _, session) = await SignedInAsync();
        using var client = _server.SignedIn(session);
        var util = PhoneNumberUtil.GetInstance();
        var premium = util.Format(util.GetExampleNumberForType("DE", PhoneNumberType.PREMIUM_RATE), PhoneNumberFormat.E164);
        var problem = await (await client.PostAsJsonAsync("/v1/me/contacts", new { phone = premium })).ProblemAsync(400, "invalid_destination");
        Assert.Equal("phone", problem.Str("field"));
        await (await _server.Anonymous().PostAsJsonAsync("/v1/me/contacts", new { email = "x@example.com" })).ProblemAsync(401, "unauthorized");
    }

    [GeneratedRegex(@"/links/(vgl_[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();

    /// <summary>Signs up (email verified), then signs in on a named device ("Firefox on Linux"): a fresh session.</summary>
    private async Task<(string Username, string Email, string Session)> SignedInAsync(string? phone = null)
    {
        var account = await _steps.SignUpAsync(phone: phone);
        return (account.Username, account.Email, await FreshSessionAsync(account.Username, account.Email));
    }

    private async Task<string> FreshSessionAsync(string username, string codeTo)
    {
        var before = await CountAsync(codeTo);
        var login = await (await _steps.LoginAsync(username)).JsonAsync();
        var code = await _server.CodeSentToAsync(codeTo, before + 1);
        using var anonymous = _server.Anonymous();
        var verified = await anonymous.PostAsJsonAsync($"/v1/challenges/{login.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        return (await verified.JsonAsync()).Str("sessionToken");
    }

    private async Task ChangeEmailAsync(string session, string newEmail)
    {
        using var client = _server.SignedIn(session);
        var started = await (await client.PostAsJsonAsync("/v1/me/contacts", new { email = newEmail })).JsonAsync();
        var code = await _server.CodeSentToAsync(newEmail);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/v1/challenges/{started.Str("challengeId")}/verify", new { code })).StatusCode);
    }

    private async Task<string> ContactIdAsync(string session, Func<JsonElement, bool> which) =>
        (await _steps.MeAsync(session)).GetProperty("contacts").EnumerateArray().First(which).Str("contactId");

    /// <summary>Messages to <paramref name="to"/> as <see cref="VerigateTestServer.WaitForMessagesAsync"/> counts them: new-sign-in alerts left out.</summary>
    private async Task<int> CountAsync(string to)
    {
        using var client = _server.Anonymous();
        return (await client.GetFromJsonAsync<List<InboxMessage>>($"/v1/dev/messages?to={Uri.EscapeDataString(to)}"))!
            .Count(m => !VerigateTestServer.IsNewSignInAlert(m));
    }

    private static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string token)
    {
        using var press = new HttpRequestMessage(HttpMethod.Post, "/links") { Content = new FormUrlEncodedContent([new("token", token)]) };
        press.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await browser.SendAsync(press);
    }

    private async Task<InboxMessage> WaitForNoticeAsync(string email, string subjectPart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var messages = await _server.WaitForMessagesAsync(email);
            if (messages.FirstOrDefault(m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true) is { } notice)
            {
                return notice;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No notice '{subjectPart}' to {email}: {string.Join(" | ", messages.Select(m => m.Subject))}");
            await Task.Delay(20);
        }
    }
}
