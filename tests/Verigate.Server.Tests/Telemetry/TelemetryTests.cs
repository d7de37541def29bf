using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Verigate.Server.Telemetry;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Telemetry;

/// <summary>
/// Issue 7 item 7: OpenTelemetry metrics and traces from requests, outgoing calls and Verigate's own meter and
/// activity source — and never a code, a destination, a challenge id or a token in any of them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Codes_destinations_ids_and_tokens_never_appear_in_metrics_or_traces()
    {
        var activities = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(), services: s => s.AddOpenTelemetry()
            .WithVerigateSignals()
            .WithTracing(t => t.AddInMemoryExporter(activities))
            .WithMetrics(m => m.AddInMemoryExporter(metrics)));
        var secrets = new List<string>();

        // The Verify API: a wrong code, then the right one.
        const string phone = "+4915177700002";
        secrets.AddRange([phone, "15177700002", "4915177700002"]);
        using var api = server.Integrator();
        var started = await (await api.PostAsJsonAsync("/v1/verifications", new { to = phone, channel = "sms", codeLength = 8 })).JsonAsync();
        var id = started.Str("id");
        var code = await server.CodeSentToAsync(phone);
        secrets.AddRange([id, code]);
        await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code = "00000000" });
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code })).StatusCode);

        // Sign-up and sign-in: account codes, a session token and the email address.
        var steps = new AccountSteps(server);
        var account = await steps.SignUpAsync();
        secrets.AddRange([account.Email, account.Email.Split('@')[0], account.SessionToken, account.UserId]);
        var signIn = await (await steps.LoginAsync(account.Username)).JsonAsync();
        secrets.AddRange([signIn.Str("challengeId"), await server.CodeSentToAsync(account.Email, 2)]);
        using (var anonymous = server.Anonymous())
        {
            await anonymous.GetAsync($"/v1/challenges/{signIn.Str("challengeId")}/deliveries");
        }

        // Stopping the server (again at the end: disposal is idempotent) flushes and detaches its providers, so the
        // exporters stop appending from the dispatcher's and the host's threads before the lists are read.
        await server.DisposeAsync();

        var texts = activities.SelectMany(a => a.TagObjects.Select(t => $"{a.OperationName} {t.Key}={t.Value}").Append(a.DisplayName))
            .Concat(metrics.SelectMany(m => m.MetricPoints.SelectMany(p => Tags(p).Select(t => $"{m.Name} {t.Key}={t.Value}"))))
            .ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // What is there: Verigate's counters and spans by channel, purpose and outcome, and request spans by route.
        Assert.Contains(metrics, m => m.Name == "verigate.codes.started" && m.MetricPoints.Any(p => HasTags(p, ("verigate.channel", "sms"), ("verigate.purpose", "verify_api"))));
        Assert.Contains(metrics, m => m.Name == "verigate.codes.approved" && m.MetricPoints.Any(p => HasTags(p, ("verigate.purpose", "verify_api"))));
        Assert.Contains(metrics, m => m.Name == "verigate.codes.failed" && m.MetricPoints.Any(p => HasTags(p, ("verigate.outcome", "incorrect"))));
        Assert.Contains(metrics, m => m.Name == "verigate.deliveries" && m.MetricPoints.Any(p => HasTags(p, ("verigate.channel", "email"))));
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(activities, a => a.OperationName == "verigate.check" && Equals(a.GetTagItem("verigate.outcome"), "approved"));
        Assert.Contains(activities, a => a.OperationName == "verigate.check" && Equals(a.GetTagItem("verigate.outcome"), "code_incorrect"));
        Assert.Contains(activities, a => a.OperationName == "verigate.send" && Equals(a.GetTagItem("verigate.channel"), "sms"));
        Assert.Contains(activities, a => Equals(a.GetTagItem("url.path"), "/v1/verifications/{id}/check"));
    }

    [Fact]
    public async Task Telemetry_is_off_unless_an_otlp_endpoint_is_set()
    {
        await using (var off = new VerigateTestServer())
        {
            Assert.Null(off.Services.GetService<TracerProvider>());
            Assert.Null(off.Services.GetService<MeterProvider>());
        }

        await using var on = new VerigateTestServer(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });
        Assert.NotNull(on.Services.GetService<TracerProvider>());
        Assert.NotNull(on.Services.GetService<MeterProvider>());
    }

    private static IEnumerable<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static bool HasTags(MetricPoint point, params (string Key, string Value)[] wanted) =>
        wanted.All(w => Tags(point).Any(t => t.Key == w.Key && Equals(t.Value, w.Value)));
}
