namespace Verigate.Core.RateLimiting;

/// <summary>
/// A send's whole charge of the shared counters, for a store that can decide and write it in one statement
/// (<see cref="IRateLimitStore.TryChargeAtOnceAsync"/>): every counter of <see cref="Charges"/> (distinct keys, in
/// ordinal order) must allow the send at <see cref="Now"/> and the prefix <see cref="BlockScope"/> (null: none)
/// must not be blocked then; only if so are the counters written and one send of <see cref="Cost"/> added to each
/// budget period of <see cref="BudgetPeriods"/>.
/// </summary>
public sealed record CounterCharge(
    IReadOnlyList<RateLimitCharge> Charges,
    DateTimeOffset Now,
    string? BlockScope,
    IReadOnlyList<string> BudgetPeriods,
    decimal Cost);

/// <summary>
/// What <see cref="IRateLimitStore.TryChargeAtOnceAsync"/> decided: whether the block scope was blocked, and the
/// GCRA decision of each charge in the order asked (the same values <see cref="Gcra.Evaluate"/> gives). Nothing was
/// written unless every decision allows and nothing was blocked.
/// </summary>
public sealed record CounterChargeOutcome(bool Blocked, IReadOnlyList<RateDecision> Decisions)
{
    public bool Charged => !Blocked && Decisions.All(d => d.Allowed);
}
