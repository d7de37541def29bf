using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verigate.Core.Storage;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>
/// The service checks every session it opens against those its flow already holds (see SessionNesting): the test
/// hosts refuse a nested session, so every test of the suite checks its paths; a production instance logs it.
/// </summary>
public sealed class SessionNestingTests
{
    [Fact]
    public async Task The_test_hosts_refuse_a_session_opened_while_the_flow_holds_one()
    {
        await using var server = new VerigateTestServer();
        var store = server.Services.GetRequiredService<IStore>();
        await using var read = await store.OpenReadAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.BeginWriteAsync(CancellationToken.None));
        Assert.Contains("still holds a read session", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_to_warn_a_nested_session_opens_and_its_call_site_is_logged_once()
    {
        var logged = new ConcurrentQueue<string>();
        await using var server = new VerigateTestServer(
            new Dictionary<string, string?> { ["Storage:OnNestedSession"] = "Warn" },
            services: s => s.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(logged)));
        var store = server.Services.GetRequiredService<IStore>();
        await using var read = await store.OpenReadAsync(CancellationToken.None);

        await using (var nested = await store.BeginWriteAsync(CancellationToken.None))
        {
            await nested.CommitAsync(CancellationToken.None);
        }

        var warning = Assert.Single(logged, line => line.Contains("still holds a read session", StringComparison.Ordinal));
        Assert.Contains(nameof(Set_to_warn_a_nested_session_opens_and_its_call_site_is_logged_once), warning, StringComparison.Ordinal);
    }
}
