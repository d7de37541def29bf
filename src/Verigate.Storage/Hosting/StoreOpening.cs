using Microsoft.Extensions.Hosting;
using Verigate.Core.Storage;

namespace Verigate.Storage.Hosting;

/// <summary>
/// Opens the store when the host starts, before any hosted service's own start (the outbox dispatcher, the
/// housekeeping job and the rest find it open), so migrations, the key check and an unreachable database fail the
/// start rather than the first request.
/// </summary>
internal sealed class StoreOpening(StoreHandle store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.OpenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
