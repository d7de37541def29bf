using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// Keeps this instance's node id leased (PostgreSQL only) and frees it on shutdown. If the lease was lost (the
/// database was unreachable for longer than the lease and another instance took the id), this instance stops:
/// issuing ids under a node id that someone else holds could produce duplicate user or device ids.
/// </summary>
internal sealed partial class PostgresNodeLeaseService(
    PostgresStoreOpener opened, IHostApplicationLifetime lifetime, ILogger<PostgresNodeLeaseService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (opened.Lease is not { } lease)
        {
            return;
        }

        LogLeased(logger, lease.NodeId);

        // A real-time timer on purpose: the lease runs on the database's clock, not on the application's
        // TimeProvider (which tests freeze).
        using var timer = new PeriodicTimer(PostgresStoreOpener.NodeLeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (!await lease.RenewAsync(stoppingToken))
                {
                    LogLost(logger, lease.NodeId);
                    lifetime.StopApplication();
                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRenewFailed(logger, lease.NodeId, e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (opened.Lease is { } lease)
        {
            try
            {
                await lease.ReleaseAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                // The lease simply runs out.
                LogRenewFailed(logger, lease.NodeId, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance issues ids as node {NodeId} (leased from the database).")]
    private static partial void LogLeased(ILogger logger, int nodeId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The lease on node id {NodeId} was lost to another instance; stopping so that no id is issued twice.")]
    private static partial void LogLost(ILogger logger, int nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing or releasing the lease on node id {NodeId} failed; retrying.")]
    private static partial void LogRenewFailed(ILogger logger, int nodeId, Exception exception);
}
