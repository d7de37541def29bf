namespace Verigate.Delivery.Outbox;

/// <summary>
/// The loop of a dispatcher that leases batches from a queue in the store (the outbox, webhook deliveries): run a
/// batch; when there was none, wait; survive a failed batch; on shutdown hand back whatever is still leased, so it is
/// picked up at once instead of when the lease runs out.
/// </summary>
public static class LeasedQueueLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task<int>> runOnce,
        Func<CancellationToken, Task> idle,
        Func<Task> releaseLeases,
        Action<Exception> logFailure,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await runOnce(stoppingToken) == 0)
                {
                    await idle(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logFailure(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await releaseLeases();
    }
}
