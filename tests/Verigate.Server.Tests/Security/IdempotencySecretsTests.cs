using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Security;

/// <summary>Idempotency records never hold a credential, and one anonymous caller never gets another's answer.</summary>
public sealed class IdempotencySecretsTests : IAsyncLifetime
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

    [Fact]
    public async Task A_session_token_is_never_kept_in_an_idempotency_record()
    {
        var account = await _steps.SignUpAsync();
        using var client = _server.Anonymous();
        var login = await (await _steps.LoginAsync(account.Username)).JsonAsync();
        var code = await _server.CodeSentToAsync(account.Email, 2);
        var deviceToken = (await (await client.PostAsJsonAsync($"/v1/challenges/{login.Str("challengeId")}/verify", new { code, trustDevice = true })).JsonAsync()).Str("deviceToken");

        var tokens = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sessions")
            {
                Content = JsonContent.Create(new { login = account.Username, password = AccountSteps.Password, deviceToken }),
            };
            request.Headers.Add("Idempotency-Key", "sign-in-once");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.False(response.Headers.Contains("Idempotent-Replayed"));
            tokens.Add((await response.JsonAsync()).Str("sessionToken"));
        }

        Assert.NotEqual(tokens[0], tokens[1]);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_server.DataDirectory, "verigate.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM idempotency WHERE CAST(body AS TEXT) LIKE '%vgs_%'";
        Assert.Equal(0L, (long)(await query.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Another_anonymous_caller_with_the_same_key_and_body_gets_an_answer_of_its_own()
    {
        var account = await _steps.SignUpAsync();
        async Task<HttpResponseMessage> ResetAsync(HttpClient from)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/password-resets") { Content = JsonContent.Create(new { login = account.Username }) };
            request.Headers.Add("Idempotency-Key", "predictable-key-1");
            return await from.SendAsync(request);
        }

        using var first = _server.From("127.0.0.2");
        using var other = _server.From("127.0.0.3");
        var original = await ResetAsync(first);
        var replay = await ResetAsync(first);
        // Ended first: a pending reset for the same login would be answered again to anybody (reuse, not a replay).
        Assert.Equal(HttpStatusCode.Accepted, (await first.PostAsync($"/v1/challenges/{(await original.JsonAsync()).Str("challengeId")}/report", null)).StatusCode);
        var stranger = await ResetAsync(other);

        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await original.JsonAsync()).Str("challengeId"), (await replay.JsonAsync()).Str("challengeId"));
        Assert.False(stranger.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual((await original.JsonAsync()).Str("challengeId"), (await stranger.JsonAsync()).Str("challengeId"));
    }
}
