namespace Verigate.Core.RateLimiting;

/// <summary>
/// Whose send budgets a message spends. An anonymous password reset must not spend the budgets the owner's own
/// sign-in needs, and a decoy (which sends nothing) none that a real send to that destination needs; each gets
/// its own counters with the same limits, so the answers look the same. The requester's IP is charged for all.
/// </summary>
public enum SendBudget
{
    /// <summary>Sign-up, sign-in, step-up, contact change, the Verify API: <c>send:*</c>.</summary>
    Standard,

    /// <summary>A password reset for a real account: <c>reset:*</c>, never blocking a sign-in.</summary>
    Reset,

    /// <summary>A reset decoy: <c>decoy:*</c>, shaped like a reset's counters but charged to nobody's real budget.</summary>
    Decoy,
}
