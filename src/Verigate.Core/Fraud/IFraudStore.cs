
namespace Verigate.Core.Fraud;

/// <summary>The SMS guard's decisions and counters, shared by every instance.</summary>
public interface IFraudStore
{
    Task<FraudBlock?> GetBlockAsync(string scope, CancellationToken ct);
    Task SetBlockAsync(FraudBlock block, CancellationToken ct);
    Task<IReadOnlyList<FraudBlock>> ListBlocksAsync(DateTimeOffset activeAt, CancellationToken ct);

    /// <summary>SMS challenges to numbers starting with <paramref name="prefix"/> created in [from, to).</summary>
    Task<PrefixStats> PrefixStatsAsync(string prefix, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    Task<BudgetUsage> GetBudgetAsync(string period, CancellationToken ct);

    /// <summary>Adds one SMS and its cost to the period and returns the new totals (locks the row until commit).</summary>
    Task<BudgetUsage> AddToBudgetAsync(string period, decimal cost, CancellationToken ct);

    /// <summary>
    /// <see cref="AddToBudgetAsync"/> for several periods in one statement (one round trip); the totals come back
    /// in the order of <paramref name="periods"/>, which must be distinct.
    /// </summary>
    Task<IReadOnlyList<BudgetUsage>> AddToBudgetsAsync(IReadOnlyList<string> periods, decimal cost, CancellationToken ct);
}
