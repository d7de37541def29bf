using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// A database out of reach is the service being unavailable for a moment, not a bug: the API says 503 with a stable
/// code and Retry-After, a page says it with the error page, and both serve again as soon as the database is back,
/// without a restart.
/// </summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task While_the_database_refuses_connections_requests_get_503_unavailable_with_retry_after_and_afterwards_succeed_again()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var server = new VerigateTestServer(TwoInstances.Settings(database));
        using var api = server.Integrator();
        Assert.Equal(System.Net.HttpStatusCode.Created, (await StartAsync(api, "+4915170000101")).StatusCode);

        await database.RefuseConnectionsAsync(true);
        try
        {
            // The first request meets a pooled connection the database has ended, the second a database that refuses new ones.
            for (var i = 0; i < 2; i++)
            {
                using var refused = await StartAsync(api, "+4915170000102");
                var problem = await refused.ProblemAsync(503, "unavailable");
                Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
                Assert.DoesNotContain("Npgsql", problem.ToString(), StringComparison.OrdinalIgnoreCase);
            }

            // A page that needs the database says so to a person: the error page, its status 503, nothing of the cause.
            using var browser = server.Anonymous();
            using var page = await browser.GetAsync("/console/setup/" + Verigate.Core.Staff.StaffSetupLink.TokenPrefix + new string('a', 40));
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Try again in a moment", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", html, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await database.RefuseConnectionsAsync(false);
        }

        // The connections the pool held from before the outage were closed when the first of them failed: the first
        // request after the database is back opens a fresh one and succeeds.
        using var again = await StartAsync(api, "+4915170000102");
        Assert.Equal(System.Net.HttpStatusCode.Created, again.StatusCode);
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient api, string to) =>
        api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
}
