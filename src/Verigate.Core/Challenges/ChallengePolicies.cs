namespace Verigate.Core.Challenges;

/// <summary>The one table of per-purpose challenge rules (see <see cref="ChallengePolicy"/> for what each column means).</summary>
public static class ChallengePolicies
{
    private static readonly Dictionary<ChallengePurpose, ChallengePolicy> Table = new ChallengePolicy[]
    {
        //  purpose                             account send   switch fallback decoy  fresh  device
        new(ChallengePurpose.SignUp,            true,   true,  false, false,   false, false, true),
        new(ChallengePurpose.NewDeviceLogin,    true,   true,  true,  true,    false, false, true),
        new(ChallengePurpose.PasswordReset,     true,   true,  false, false,   true,  false, true),
        new(ChallengePurpose.ContactChange,     true,   true,  false, false,   false, true,  true),
        new(ChallengePurpose.StepUp,            true,   true,  true,  true,    false, false, true),
        new(ChallengePurpose.VerifyApi,         false,  true,  false, false,   false, false, false),
        new(ChallengePurpose.SecondFactorLogin, true,   false, false, false,   false, false, false),
        new(ChallengePurpose.AccountRecovery,   true,   true,  false, false,   false, false, true),
    }.ToDictionary(p => p.Purpose);

    public static ChallengePolicy For(ChallengePurpose purpose) => Table[purpose];
}
