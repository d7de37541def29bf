using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Geo permissions hold before the provider: a refused destination never reaches Kannel's SMSC.</summary>
[Collection(KannelCollection.Name)]
public sealed class KannelGeoPermissionTests : IAsyncLifetime
{
    private readonly string _safe = KannelComponent.Phone("0001");
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var settings = KannelComponent.Settings(port);
        settings["SmsGuard:AllowedCountries:0"] = "US"; // the simulator's numbers are German
        settings["SmsGuard:SafeList:0"] = _safe;
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(settings), port: port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_disallowed_country_is_refused_before_the_provider_and_the_smsc_sees_nothing()
    {
        var to = KannelComponent.Phone("0001");
        using var api = _server.Integrator();

        var refused = await api.PostAsJsonAsync("/v1/verifications", new { to, channel = "sms" });
        var problem = await refused.ProblemAsync(403, "destination_blocked");
        Assert.Contains("another channel", problem.Str("detail"), StringComparison.Ordinal);

        // The safe-listed number of the same country goes through, so Kannel is up and would have shown a send.
        var safe = await api.PostAsJsonAsync("/v1/verifications", new { to = _safe, channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, safe.StatusCode);
        Assert.Single(await KannelComponent.WaitForReceivedAsync(_safe));
        Assert.Empty(KannelComponent.Received(to));
    }
}
