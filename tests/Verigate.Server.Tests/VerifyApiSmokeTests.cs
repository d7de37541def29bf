using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class VerifyApiSmokeTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_verification_is_approved_with_the_code_from_the_inbox()
    {
        using var api = _server.Integrator();
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915112345678", channel = "sms" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.JsonAsync()).Str("id");

        var code = await _server.CodeSentToAsync("+4915112345678");
        var check = await api.PostAsJsonAsync($"/v1/verifications/{id}/check", new { code });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal("approved", (await check.JsonAsync()).Str("status"));
    }
}
