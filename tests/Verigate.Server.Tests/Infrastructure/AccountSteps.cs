using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>The account flows as a client performs them, for tests that need an account to start from.</summary>
public sealed class AccountSteps(VerigateTestServer server)
{
    public const string Password = "correct horse battery staple";
    private static int _counter;

    public static string UniqueName(string prefix = "user") => $"{prefix}{Interlocked.Increment(ref _counter)}_{Environment.TickCount64 % 100000}";

    /// <summary>Signs up and verifies the email; returns the user id, email and a session token.</summary>
    public async Task<(string UserId, string Username, string Email, string SessionToken)> SignUpAsync(string? username = null, string? phone = null)
    {
        username ??= UniqueName();
        var email = $"{username}@example.com";
        using var client = server.Anonymous();
        var created = await client.PostAsJsonAsync("/v1/accounts", new { username, password = Password, email, phone });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        var code = await server.CodeSentToAsync(email);
        var verified = await client.PostAsJsonAsync($"/v1/challenges/{json.Str("challengeId")}/verify", new { code });
        Assert.Equal(HttpStatusCode.Created, verified.StatusCode);
        return (json.Str("userId"), username, email, (await verified.JsonAsync()).Str("sessionToken"));
    }

    public async Task<HttpResponseMessage> LoginAsync(string login, string password = Password, string? deviceToken = null)
    {
        using var client = server.Anonymous();
        return await client.PostAsJsonAsync("/v1/sessions", new { login, password, deviceToken, deviceName = "Firefox on Linux" });
    }

    public async Task<JsonElement> MeAsync(string sessionToken)
    {
        using var client = server.SignedIn(sessionToken);
        var response = await client.GetAsync("/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
