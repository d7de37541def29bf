namespace Verigate.Core.Delivery;

/// <summary>The fallback ladder's pending "not confirmed in time" deadlines.</summary>
public interface IFallbackDeadlineStore
{
    /// <summary>Adds the deadline unless one for the same message exists (a repeated "sent" report keeps the first).</summary>
    Task AddAsync(FallbackDeadline deadline, CancellationToken ct);

    /// <summary>Every pending deadline, soonest first.</summary>
    Task<IReadOnlyList<FallbackDeadline>> ListAsync(CancellationToken ct);

    /// <summary>
    /// Removes the message's deadline; true only for the one caller that removed it, so of several instances (or a
    /// report racing the timer) exactly one acts on it.
    /// </summary>
    Task<bool> TryRemoveAsync(long outboxId, CancellationToken ct);
}
