namespace Verigate.Server.Tests.Infrastructure;

/// <summary>One server for a whole test class, for tests that only read or make independent requests.</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public VerigateTestServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = new VerigateTestServer(VerigateTestServer.Relaxed());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
