namespace Verigate.Core.Challenges;

/// <summary>
/// The rules of one challenge purpose, in one row of <see cref="ChallengePolicies"/>, so a flow or the engine asks
/// the table instead of testing purposes itself.
/// </summary>
/// <param name="Purpose">The purpose this row is for.</param>
/// <param name="AccountFlow">
/// An account's own flow: codes never shorter than <see cref="CodePolicyOptions.AccountMinimumLength"/> nor alive
/// longer than <see cref="CodePolicyOptions.AccountMaximumLifetime"/>, whatever is configured. The Verify API's
/// integrators choose for themselves.
/// </param>
/// <param name="SendsCode">Whether a code goes out when the challenge opens (a two-factor sign-in sends nothing).</param>
/// <param name="MaySwitchChannel">
/// Whether a resend may go to another of the account's channels: only for callers who already proved the password
/// (a new-device sign-in, a step-up). A sign-up or contact change proves one address; a reset may be a decoy.
/// </param>
/// <param name="MayFallBack">Whether an undelivered or unconfirmed code goes once more to another verified channel (same callers).</param>
/// <param name="MayBeDecoy">
/// Whether anybody may open it about anybody (a password reset), so it may be a decoy: it has budgets of its own,
/// a resend past the owner's budget is silently withheld, and its timeline is decoy-shaped.
/// </param>
/// <param name="NeedsFreshSession">Whether opening it needs a session signed in or re-authenticated recently.</param>
/// <param name="NamesDevice">Whether the message names the device asking ("someone is signing in on ..."): every account flow; the client-chosen name is shown only when short and plain.</param>
public sealed record ChallengePolicy(
    ChallengePurpose Purpose,
    bool AccountFlow,
    bool SendsCode,
    bool MaySwitchChannel,
    bool MayFallBack,
    bool MayBeDecoy,
    bool NeedsFreshSession,
    bool NamesDevice)
{
    /// <summary>The message template: the challenge's label (Verify API services) or the purpose's wire name.</summary>
    public string Template(string? label) => label ?? Purpose.ToName();

    /// <summary>The code length for this purpose, from the configured one (and the caller's, for the Verify API).</summary>
    public int CodeLength(CodePolicyOptions codes, int? requested) =>
        AccountFlow ? Math.Max(codes.Length, CodePolicyOptions.AccountMinimumLength) : requested ?? codes.Length;

    /// <summary>How long a code of this purpose lives, from the configured lifetime.</summary>
    public TimeSpan Lifetime(CodePolicyOptions codes) =>
        AccountFlow && codes.Lifetime > CodePolicyOptions.AccountMaximumLifetime ? CodePolicyOptions.AccountMaximumLifetime : codes.Lifetime;
}
