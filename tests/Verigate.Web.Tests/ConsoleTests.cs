using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Verigate.Core.Destinations;
using Verigate.Core.Storage;
using Verigate.Core.Staff;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>The support console in Chromium: staff setup and sign-in, and an agent walking through a call.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private ConsolePageSteps _console = null!;

    public Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var settings = KannelComponent.Settings(port);
        settings["Delivery:DevInbox"] = "On"; // email stays in the inbox while SMS goes through Kannel
        _server = WebServer.Start(settings, port);
        _console = new ConsolePageSteps(browser, _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_staff_member_sets_up_on_the_link_signs_in_with_an_authenticator_code_and_signs_out()
    {
        var (name, setupPath) = await _console.Http.CreateAsync(StaffRole.Admin);
        var page = await browser.NewPageAsync(_server.BaseUrl());
        await page.GotoAsync(setupPath);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-setup");
        var key = (await page.TextContentAsync("#totp-key"))!.Replace(" ", string.Empty, StringComparison.Ordinal);
        var secret = OtpNet.Base32Encoding.ToBytes(key);
        await page.FillAsync("#password", Server.Tests.Infrastructure.ConsoleSteps.Password);
        await page.FillAsync("#code", _console.Http.CodeFor(secret));
        await page.ClickAsync("button:has-text('Finish setup')");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("console access is ready");

        await page.GotoAsync("/console/sign-in");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-sign-in");
        await _console.SignInAsync(page, new(name, StaffRole.Admin, Server.Tests.Infrastructure.ConsoleSteps.Password, secret));
        await Assertions.Expect(page.Locator(".banner, .important").First).ToContainTextAsync("Never ask for a code");
        await PageChecks.AccessibleAsync(page);

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync("**/console/sign-in?signedout=true");
        await page.GotoAsync("/console");
        await page.WaitForURLAsync("**/console/sign-in");
    }

    [Fact]
    public async Task An_agent_finds_the_caller_by_phone_verifies_the_pin_sees_the_refused_sms_with_the_providers_reason_and_resends_by_email()
    {
        // The person: an account with an email address and a phone number the operator's SMS route refuses (the
        // simulator behind Kannel rejects numbers ending 0016). The phone was verified back when it still worked.
        using var api = _server.Anonymous();
        var username = Names.Username();
        var email = Names.Email();
        var phone = KannelComponent.Phone("0016");
        var signUp = await api.PostAsJsonAsync("/v1/accounts", new { username, password = Names.Password, email, phone });
        Assert.True(signUp.StatusCode == HttpStatusCode.Created, await signUp.Content.ReadAsStringAsync());
        var created = await signUp.JsonAsync();
        var userId = created.Str("userId");
        var signedUp = await api.PostAsJsonAsync($"/v1/challenges/{created.Str("challengeId")}/verify", new { code = await _server.CodeSentToAsync(email) });
        var session = (await signedUp.JsonAsync()).Str("sessionToken");
        await using (var tx = await _server.Services.GetRequiredService<IStore>().BeginWriteAsync(CancellationToken.None))
        {
            Assert.True(await tx.Accounts.TryMarkContactVerifiedAsync(long.Parse(userId, CultureInfo.InvariantCulture), new Destination(Channel.Sms, phone), _server.Time.GetUtcNow(), CancellationToken.None));
            await tx.CommitAsync(CancellationToken.None);
        }

        // On a new phone, the sign-in code is asked for by SMS: the SMSC refuses it.
        var login = await (await api.PostAsJsonAsync("/v1/sessions", new { login = username, password = Names.Password, deviceName = "New phone" })).JsonAsync();
        var challengeId = login.Str("challengeId");
        _server.Time.Advance(TimeSpan.FromSeconds(31));
        var bySms = await api.PostAsJsonAsync($"/v1/challenges/{challengeId}/resend", new { channel = "sms" });
        Assert.True(bySms.IsSuccessStatusCode, await bySms.Content.ReadAsStringAsync());
        await WaitForAsync(async () => (await api.GetFromJsonAsync<JsonElement>($"/v1/challenges/{challengeId}/deliveries")).EnumerateArray().Any(d => d.Str("status") == "failed"));

        // The person calls and reads the support PIN from their security center.
        using var me = _server.SignedIn(session);
        var pin = (await (await me.PostAsync("/v1/me/support-pin", null)).JsonAsync()).Str("pin");
        var inboxBefore = (await _server.WaitForMessagesAsync(email)).Count;

        var (page, _) = await _console.SignedInAsync(StaffRole.Agent);
        await page.ClickAsync("nav a:has-text('Find account')");
        await page.FillAsync("#q", phone[..3] + " " + phone[3..6] + " " + phone[6..]);
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-find");
        await page.ClickAsync("button:has-text('Find')");
        await page.WaitForURLAsync("**/console/accounts/" + userId);
        await Assertions.Expect(page.Locator(".banner")).ToHaveTextAsync("Never ask for a code. Verify the caller with their support PIN.");
        Assert.DoesNotContain(phone, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, await page.ContentAsync(), StringComparison.Ordinal);

        await page.FillAsync("#pin", pin);
        await page.ClickAsync("button:has-text('Verify caller')");
        await Assertions.Expect(page.Locator("#caller-verified")).ToContainTextAsync("This call is verified until");

        var challenge = page.Locator("#challenge-" + challengeId);
        var failed = challenge.Locator("tr.delivery-failed");
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        var reason = (await failed.Locator(".provider-reason").TextContentAsync())!.Trim();
        Assert.NotEqual("—", reason);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-account");

        _server.Time.Advance(TimeSpan.FromSeconds(61)); // the code may be sent again a minute after the last send
        await challenge.Locator("input[name=reason]").FillAsync("Caller's SMS are refused by the network; sending by email");
        await challenge.Locator("select[name=channel]").SelectOptionAsync("email");
        await challenge.Locator("button:has-text('Send the code again')").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The code was sent again");
        Assert.DoesNotContain(pin, await page.ContentAsync(), StringComparison.Ordinal);

        // The person: the code by email, the notice, and the line in their activity.
        var inbox = await _server.WaitForMessagesAsync(email, inboxBefore + 2);
        Assert.Contains(inbox, m => m.Subject?.StartsWith("Our support team made a change", StringComparison.Ordinal) == true && m.Body.Contains("sent your code again", StringComparison.Ordinal));
        var code = VerigateTestServer.CodeOf(inbox.First(m => m.Subject?.StartsWith("Our support team", StringComparison.Ordinal) != true));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/v1/challenges/{challengeId}/verify", new { code })).StatusCode);
        var activity = await me.GetFromJsonAsync<JsonElement>("/v1/me/activity");
        Assert.Contains(activity.EnumerateArray(), e => e.Str("type") == "support_action");

        var person = await browser.NewPageAsync(_server.BaseUrl());
        await Steps.SignInAsync(person, username);
        await person.WaitForURLAsync("**/code");
        await person.FillAsync("#code", await _server.CodeSentToAsync(email, inboxBefore + 3));
        await person.ClickAsync("button:has-text('Continue')");
        await person.WaitForURLAsync("**/account");
        await person.GotoAsync("/account/activity");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("A support agent made a change to your account.");
    }

    [Fact]
    public async Task The_console_works_on_a_phone_and_in_spanish_and_german()
    {
        var person = await _console.Http.CreateSetUpAsync(StaffRole.Admin);
        var page = await browser.NewPageAsync(_server.BaseUrl(), phone: true);
        await _console.SignInAsync(page, person);
        await page.GotoAsync("/console/accounts");
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "console-find");

        foreach (var (culture, heading) in new[] { ("es", "Buscar una cuenta"), ("de", "Konto suchen") })
        {
            await page.SelectOptionAsync("#language-choice", culture);
            await page.ClickAsync("footer button[type=submit]");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await PageChecks.AccessibleAsync(page);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(100);
        }
    }
}
