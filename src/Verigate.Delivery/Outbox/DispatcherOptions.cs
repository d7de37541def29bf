namespace Verigate.Delivery.Outbox;

/// <summary>How the outbox dispatcher works (configuration section <c>Delivery:Dispatcher</c>).</summary>
public sealed class DispatcherOptions
{
    /// <summary>Off only for operations and tests that need messages to stay queued (for example the crash test).</summary>
    public bool Enabled { get; set; } = true;

    public int BatchSize { get; set; } = 64;
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claimed message is ours; if we die, another dispatcher takes it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Polling for messages written by other instances (our own commits wake the dispatcher at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxAttempts { get; set; } = 8;

    public IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 1000)
        {
            yield return "Delivery:Dispatcher:BatchSize must be between 1 and 1000.";
        }

        if (Concurrency is < 1 or > 256)
        {
            yield return "Delivery:Dispatcher:Concurrency must be between 1 and 256.";
        }

        if (Lease < TimeSpan.FromSeconds(5))
        {
            yield return "Delivery:Dispatcher:Lease must be at least 00:00:05.";
        }

        if (PollInterval <= TimeSpan.Zero || RetryBase <= TimeSpan.Zero || RetryMax < RetryBase || MaxAttempts < 1)
        {
            yield return "Delivery:Dispatcher: PollInterval and RetryBase must be positive, RetryMax ≥ RetryBase, MaxAttempts ≥ 1.";
        }
    }
}
