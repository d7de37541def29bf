namespace Verigate.Core.Challenges;

/// <summary>What a code proves. Mixed into the code's hash, so a code for one purpose never passes another.</summary>
public enum ChallengePurpose
{
    SignUp,
    NewDeviceLogin,
    PasswordReset,
    ContactChange,
    StepUp,
    VerifyApi,

    /// <summary>Sign-in waiting for a second factor (authenticator app or recovery code); no code is sent.</summary>
    SecondFactorLogin,

    /// <summary>Proof of a verified contact for an account-recovery request (after the password).</summary>
    AccountRecovery,
}
