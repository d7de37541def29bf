using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Several dispatchers on one database: every queued message reaches the SMTP server exactly once.</summary>
public sealed class DispatcherConcurrencyTests
{
    [Fact]
    public async Task Two_instances_draining_one_outbox_send_each_message_once()
    {
        const int count = 60;
        await using var sink = new SmtpSink();
        var data = Directory.CreateTempSubdirectory("verigate-shared-").FullName;
        var queueOnly = SmtpSettings.For(sink.Port, more: new Dictionary<string, string?> { ["Delivery:Dispatcher:Enabled"] = "false" });
        // The queueing instance stays up until the end: disposing a test server deletes its data directory.
        await using var writer = new VerigateTestServer(queueOnly, data);
        using (var api = writer.Integrator())
        {
            for (var i = 0; i < count; i++)
            {
                var started = await api.PostAsJsonAsync("/v1/verifications", new { to = $"many{i}@example.org", channel = "email" });
                Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            }
        }

        var draining = SmtpSettings.For(sink.Port, more: new Dictionary<string, string?> { ["Delivery:Dispatcher:BatchSize"] = "5", ["Delivery:Dispatcher:Concurrency"] = "2" });
        await using var first = new VerigateTestServer(draining, data);
        await using var second = new VerigateTestServer(draining, data);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sink.Messages.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        var ids = sink.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(count, ids.Distinct().Count());
    }
}
