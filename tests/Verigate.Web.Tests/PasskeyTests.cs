using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Web.Tests.Infrastructure;

namespace Verigate.Web.Tests;

/// <summary>
/// Passkeys with Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): registration in the security
/// center, sign-in with the passkey alone, and the passkey as the second factor after a password.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture browser) : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private Steps _steps = null!;

    public Task InitializeAsync()
    {
        _server = WebServer.Start();
        _steps = new Steps(browser, _server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_registered_passkey_signs_in_without_a_username_and_serves_as_the_second_factor()
    {
        var (page, username, _) = await _steps.SignUpAsync();
        var (cdp, authenticator) = await AddVirtualAuthenticatorAsync(page);

        await page.ClickAsync("text=Manage passkeys");
        await PageChecks.AccessibleAsync(page);
        await page.FillAsync("#new-name", "Test laptop");
        await page.ClickAsync("button:has-text('Add a passkey')");
        await page.WaitForSelectorAsync("[role=status]:has-text('added')");
        Assert.Equal("Test laptop", await page.InputValueAsync("#passkey-list input[name=name]"));
        await PageChecks.AccessibleAsync(page);
        await PageChecks.ScreenshotAsync(page, "passkeys");

        var credentials = (await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator }))!.Value.GetProperty("credentials");
        Assert.Equal(1, credentials.GetArrayLength());
        Assert.True(credentials[0].GetProperty("isResidentCredential").GetBoolean());
        Assert.Equal(1, await PasskeysCountedByTheApiAsync(page));

        // Signed out, the passkey alone signs in: no username typed.
        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(_server.BaseUrl() + "/");
        await page.ClickAsync("button:has-text('Sign in with a passkey')");
        await page.WaitForURLAsync("**/account");
        Assert.Equal(username, await page.InputValueAsync("#username"));
        var signCount = (await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator }))!.Value
            .GetProperty("credentials")[0].GetProperty("signCount").GetInt32();
        Assert.True(signCount >= 1);

        // With a password, the account's passkey is now the second factor: no code is sent.
        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(_server.BaseUrl() + "/");
        await Steps.SignInAsync(page, username);
        await page.WaitForURLAsync("**/signin/second-factor");
        await PageChecks.AccessibleAsync(page);
        await page.ClickAsync("button:has-text('Use a passkey')");
        await page.WaitForURLAsync("**/account");
    }

    [Fact]
    public async Task A_password_reset_on_an_account_protected_by_a_passkey_needs_the_passkey_too()
    {
        var (page, username, email) = await _steps.SignUpAsync();
        await AddVirtualAuthenticatorAsync(page);
        await page.GotoAsync("/account/passkeys");
        await page.ClickAsync("button:has-text('Add a passkey')");
        await page.WaitForSelectorAsync("[role=status]:has-text('added')");
        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(_server.BaseUrl() + "/");

        await page.GotoAsync("/reset");
        await page.FillAsync("#login", username);
        await page.ClickAsync("button:has-text('Send a code')");
        await page.WaitForURLAsync("**/reset/code");
        var code = VerigateTestServer.CodeOf((await _server.WaitForMessagesAsync(email, 2))[0]);
        await page.FillAsync("#code", code);
        await page.FillAsync("#newPassword", "another long passphrase");
        await page.ClickAsync("button:has-text('Change password')");

        // The code was right; only now does the page learn (and say) that a second factor is needed.
        Assert.Contains("two-step verification", await page.Locator("[role=alert]").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.AccessibleAsync(page);
        await page.FillAsync("#code", code); // typed again: the page does not echo a code back
        await page.FillAsync("#newPassword", "another long passphrase");
        await page.ClickAsync("button:has-text('Use a passkey')");
        await page.WaitForURLAsync("**/?done=reset");

        await page.ClickAsync("button:has-text('Sign in with a passkey')"); // the passkey survives the reset
        await page.WaitForURLAsync("**/account");
    }

    private async Task<int> PasskeysCountedByTheApiAsync(IPage page)
    {
        var token = (await page.Context.CookiesAsync()).Single(c => c.Name == "vg_session").Value;
        using var api = _server.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = JsonDocument.Parse(await api.GetStringAsync("/v1/me")).RootElement;
        return me.GetProperty("twoFactor").GetProperty("passkeys").GetInt32();
    }

    private static async Task<(ICDPSession Cdp, string AuthenticatorId)> AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        return (cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }
}
