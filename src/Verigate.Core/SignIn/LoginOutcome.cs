using Verigate.Core.Challenges;
using Verigate.Core.Sessions;

namespace Verigate.Core.SignIn;

/// <summary>
/// Signed in (a trusted device); or a challenge this new device must complete, with the methods that may
/// complete it: "code" (sent to a contact) or the account's second factors ("totp", "recovery_code").
/// </summary>
public sealed record LoginOutcome(IssuedSession? Session, Challenge? Challenge, IReadOnlyList<string>? Methods = null)
{
    public bool NeedsSecondFactor => Challenge?.Purpose == ChallengePurpose.SecondFactorLogin;
}
