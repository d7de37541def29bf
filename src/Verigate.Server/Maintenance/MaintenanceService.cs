using Microsoft.Extensions.Options;
using Verigate.Core.Challenges;
using Verigate.Core.Storage;
using Verigate.Storage.Hosting;

namespace Verigate.Server.Maintenance;

/// <summary>Every minute: ends expired challenges (erasing their codes) and deletes what retention no longer needs, in small batches.</summary>
internal sealed partial class MaintenanceService(IStore store, TimeProvider time, IOptions<StorageOptions> options, ILogger<MaintenanceService> logger)
    : BackgroundService
{
    private const int BatchSize = 500;
    private const int MaxBatchesPerRun = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MaintenanceInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        for (var i = 0; i < MaxBatchesPerRun; i++)
        {
            await using var tx = await store.BeginWriteAsync(ct);
            var now = time.GetUtcNow();
            var touched = await ChallengeExpiry.ExpireDueAsync(tx, now, BatchSize, ct)
                          + await tx.Maintenance.RunBatchAsync(now, options.Value.Retention, BatchSize, ct);
            await tx.CommitAsync(ct);
            total += touched;
            if (touched == 0)
            {
                break;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Store maintenance failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
