using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>Instances of one deployment starting, refusing to start, and stopping mid-run.</summary>
public sealed class InstanceLifecycleTests : IAsyncLifetime
{
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task An_instance_with_a_different_code_hash_key_refuses_to_start()
    {
        await using var first = new VerigateTestServer(TwoInstances.Settings(_database));
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(TwoInstances.Settings(_database, otherKey)));

        Assert.Contains("code hash key", Flatten(e), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_id_set_twice_is_refused_for_the_second_instance_and_free_again_after_the_first_stops()
    {
        var settings = TwoInstances.Settings(_database, more: new Dictionary<string, string?> { ["Verigate:NodeId"] = "5" });
        var first = new VerigateTestServer(settings);

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));
        Assert.Contains("Verigate:NodeId 5 is in use", Flatten(e), StringComparison.Ordinal);

        await first.DisposeAsync();
        await using var second = new VerigateTestServer(settings);
        Assert.Equal(5, Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Verigate.Core.Storage.StoreHandle>(second.Services).Opened.NodeId);
    }

    [Fact]
    public void An_unreachable_database_stops_the_start_with_host_and_port_but_no_password()
    {
        var settings = new Dictionary<string, string?>(TwoInstances.Settings(_database))
        {
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=verigate;Username=verigate;Password=hunter2-secret;Timeout=2",
        };

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(settings));

        var message = Flatten(e);
        Assert.Contains("127.0.0.1:1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused_at_start()
    {
        // The real binary: a host that fails to start is reported reliably only by its own exit.
        var data = Directory.CreateTempSubdirectory("verigate-noconn-").FullName;
        try
        {
            var run = await ServerProcess.RunCommandAsync(data, "--urls", "http://127.0.0.1:0", "--Storage:Provider", "Postgres");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Storage:ConnectionString is required", run.Output + run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Stopping_one_instance_mid_run_loses_no_message_and_no_verification()
    {
        var a = new VerigateTestServer(TwoInstances.Settings(_database));
        await using var b = new VerigateTestServer(TwoInstances.Settings(_database));
        var started = new ConcurrentDictionary<string, string>();
        var stopped = 0;

        async Task SendAsync(int i)
        {
            var to = "+4915133" + (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var server = i % 2 == 0 && Volatile.Read(ref stopped) == 0 ? a : b;
            try
            {
                using var api = server.Integrator();
                var response = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    started[to] = (await response.JsonAsync()).Str("id");
                }
            }
            catch (Exception e) when (e is HttpRequestException or ObjectDisposedException or TaskCanceledException)
            {
                // A request to the instance being stopped may fail: the client (or load balancer) retries elsewhere.
            }
        }

        var firstHalf = Enumerable.Range(0, 20).Select(SendAsync).ToList();
        await Task.WhenAll(firstHalf.Take(10));
        Interlocked.Exchange(ref stopped, 1);
        await a.DisposeAsync();
        await Task.WhenAll(firstHalf.Concat(Enumerable.Range(20, 20).Select(SendAsync)));

        Assert.True(started.Count >= 30, $"only {started.Count} verifications started");
        foreach (var (to, id) in started)
        {
            var code = await b.CodeSentToAsync(to);
            using var api = b.Integrator();
            var check = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox WHERE state = 'pending'"));
    }

    private static string Flatten(Exception e)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            text.AppendLine(x.Message);
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    text.AppendLine(Flatten(inner));
                }
            }
        }

        return text.ToString();
    }
}
