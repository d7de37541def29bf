using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// Several Verigate instances behind one address, on one PostgreSQL database: requests are spread over two
/// instances (two ports) and every guarantee must hold as if there were one.
/// </summary>
public sealed class MultiInstanceTests(TwoInstances pair) : IClassFixture<TwoInstances>
{
    private static int _phone;

    private VerigateTestServer A => pair.A;

    private VerigateTestServer B => pair.B;

    private static string NewPhone() => "+49151" + (20000000 + Interlocked.Increment(ref _phone) + (Environment.ProcessId % 1000 * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private VerigateTestServer Either(int i) => i % 2 == 0 ? A : B;

    private static async Task<string> StartAsync(VerigateTestServer server, string to)
    {
        using var api = server.Integrator();
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).Str("id");
    }

    [Fact]
    public async Task A_code_issued_on_one_instance_is_sent_by_another_and_verifies_on_a_third()
    {
        // The issuing instance does not dispatch: the code must be readable with the shared key ring elsewhere.
        await using var issuer = new VerigateTestServer(TwoInstances.Settings(pair.Database, more: new Dictionary<string, string?>
        {
            ["Delivery:Dispatcher:Enabled"] = "false",
        }));
        // Each test server has a frozen clock; the issuer's was frozen last. Real instances keep their clocks in
        // step with NTP (an outbox row is due by its issuer's clock), so bring the others up to it.
        foreach (var server in new[] { A, B })
        {
            if (server.Time.GetUtcNow() < issuer.Time.GetUtcNow())
            {
                server.Time.SetUtcNow(issuer.Time.GetUtcNow());
            }
        }

        var to = NewPhone();
        var id = await StartAsync(issuer, to);

        var code = await B.CodeSentToAsync(to);
        using var api = A.Integrator();
        var check = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("approved", (await check.JsonAsync()).Str("status"));
    }

    [Fact]
    public async Task A_check_read_in_its_own_transaction_answers_as_on_a_single_writer()
    {
        using var api = A.Integrator();
        await (await api.PostAsJsonAsync("/v1/verifications/VEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/check", new { code = "123456" })).ProblemAsync(404, "verification_not_found");

        var to = NewPhone();
        var id = await StartAsync(A, to);
        var code = await A.CodeSentToAsync(to);
        var wrong = string.Concat(code.Select(c => (char)('0' + ((c - '0' + 1) % 10))));
        var refused = await (await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = wrong })).ProblemAsync(422, "code_incorrect");
        Assert.Equal(4, refused.GetProperty("attemptsRemaining").GetInt32());

        var approved = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.JsonAsync()).Str("status"));
        await (await B.Integrator().PostAsJsonAsync($"/v1/verifications/{id}/check", new { code })).ProblemAsync(404, "verification_not_found");
    }

    [Fact]
    public async Task The_sms_guard_screens_a_start_in_its_own_transaction_and_still_records_a_refusal()
    {
        // A database of its own: the block it leads to must not refuse the other tests' numbers.
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var guarded = new VerigateTestServer(TwoInstances.Settings(database, more: new Dictionary<string, string?>
        {
            ["SmsGuard:ConversionWatch:Enabled"] = "true",
            ["SmsGuard:ConversionWatch:MinimumSends"] = "8",
        }));
        const string prefix = "+491527777";
        for (var i = 0; i < 8; i++)
        {
            await StartAsync(guarded, prefix + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        }

        using var api = guarded.Integrator();
        await (await api.PostAsJsonAsync("/v1/verifications", new { to = prefix + "0099", channel = "sms" })).ProblemAsync(403, "destination_blocked");
        await (await api.PostAsJsonAsync("/v1/verifications", new { to = prefix + "0098", channel = "sms" })).ProblemAsync(403, "destination_blocked");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915288880001", channel = "sms" })).StatusCode);

        // Each refusal was recorded, and the block once: the first refusal by the screen's conversion watch (committed in
        // the start's transaction), the second by the send's charge, which judges the block on PostgreSQL.
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT count(*) FROM audit_events WHERE type = 'sms.refused'), (SELECT count(*) FROM fraud_blocks WHERE scope = 'prefix:+491527777')", connection);
        await using var reader = await count.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }

    [Fact]
    public async Task Five_attempts_hold_exactly_when_guesses_are_split_across_instances()
    {
        var to = NewPhone();
        var id = await StartAsync(A, to);
        var code = await B.CodeSentToAsync(to);
        var wrong = string.Concat(code.Select(c => (char)('0' + ((c - '0' + 1) % 10))));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var api = Either(i).Integrator();
            var response = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = wrong });
            return (int)response.StatusCode;
        }));

        Assert.Equal(5, statuses.Count(s => s == 422));
        Assert.Equal(15, statuses.Count(s => s == 429));
        using var right = B.Integrator();
        await (await right.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code })).ProblemAsync(429, "too_many_attempts");
    }

    [Fact]
    public async Task The_send_limit_per_destination_holds_exactly_across_instances()
    {
        // The default is 5 sends per destination per 10 minutes. Each request is a different verification (another
        // purpose or API key), so none of them answers with another's pending one: all twelve ask for a send.
        var to = NewPhone();
        string[] purposes = ["verify", "login", "signup", "password_reset", "contact_change", "two_factor", "link_account", "transaction"];
        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            using var api = Either(i).Integrator(i < purposes.Length ? VerigateTestServer.ApiKey : VerigateTestServer.OtherApiKey);
            var purpose = purposes[i % purposes.Length];
            return (int)(await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms", purpose })).StatusCode;
        }));

        Assert.Equal(5, statuses.Count(s => s == 201));
        Assert.Equal(7, statuses.Count(s => s == 429));
        Assert.Equal(5, (await B.WaitForMessagesAsync(to, 5)).Count);
    }

    [Fact]
    public async Task The_same_verification_asked_for_at_once_on_both_instances_is_issued_once()
    {
        // Without a lock both instances could find nothing pending and each issue (and send) its own code.
        var to = NewPhone();
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => StartAsync(Either(i), to)));

        Assert.Single(ids.Distinct());
        Assert.Single(await B.WaitForMessagesAsync(to));
        Assert.Equal(1L, await pair.Database.ScalarAsync<long>($"SELECT count(*) FROM challenges WHERE destination = '{to}'"));
    }

    [Fact]
    public async Task Two_dispatchers_never_send_one_outbox_row_twice()
    {
        var destinations = Enumerable.Range(0, 40).Select(_ => NewPhone()).ToList();
        await Task.WhenAll(destinations.Select((to, i) => StartAsync(Either(i), to)));
        foreach (var to in destinations)
        {
            Assert.Single(await A.WaitForMessagesAsync(to));
        }

        var inList = string.Join(", ", destinations.Select(d => $"'{d}'"));
        Assert.Equal(0L, await pair.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM (SELECT outbox_id FROM deliveries WHERE destination IN ({inList}) AND status <> 'queued' " +
            "GROUP BY outbox_id HAVING count(*) > 1) twice"));
        Assert.Equal(40L, await pair.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox WHERE destination IN ({inList}) AND state = 'sent' AND attempts = 1"));
    }

    [Fact]
    public async Task An_idempotency_key_replays_on_the_other_instance_and_sends_once()
    {
        var to = NewPhone();
        var key = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        foreach (var server in new[] { A, B, A })
        {
            using var api = server.Integrator();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/verifications") { Content = JsonContent.Create(new { to, channel = "sms" }) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.JsonAsync()).Str("id"));
        }

        Assert.Single(ids.Distinct());
        Assert.Single(await B.WaitForMessagesAsync(to));
        Assert.Equal(1L, await pair.Database.ScalarAsync<long>($"SELECT count(*) FROM outbox WHERE destination = '{to}'"));
    }

    [Fact]
    public void Each_instance_leases_its_own_node_id()
    {
        var a = A.Services.GetRequiredService<Verigate.Core.Storage.StoreHandle>().Opened.NodeId;
        var b = B.Services.GetRequiredService<Verigate.Core.Storage.StoreHandle>().Opened.NodeId;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Accounts_made_on_both_instances_get_distinct_ids_and_sign_in_on_either()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var client = Either(i).Anonymous();
            var username = "multi" + Guid.NewGuid().ToString("N")[..8];
            var created = await client.PostAsJsonAsync("/v1/accounts", new { username, password = "correct horse battery staple 42", email = username + "@example.com" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var userId = (await created.JsonAsync()).Str("userId");
            using var other = Either(i + 1).Anonymous();
            var found = await other.GetAsync($"/v1/users/by-username/{username}");
            Assert.Equal(userId, (await found.JsonAsync()).Str("userId"));
            return userId;
        }));

        Assert.Equal(6, ids.Distinct().Count());
    }

    [Fact]
    public async Task Readiness_answers_on_every_instance()
    {
        foreach (var server in new[] { A, B })
        {
            using var client = server.Anonymous();
            Assert.Equal("ready", await client.GetStringAsync("/readyz"));
        }
    }
}
