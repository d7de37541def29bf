using Verigate.Core.Challenges;
using Verigate.Core.Sessions;

namespace Verigate.Core.Accounts;

/// <summary>Signed in (a trusted device), or a code was sent to prove this new device.</summary>
public sealed record LoginOutcome(IssuedSession? Session, Challenge? Challenge);
