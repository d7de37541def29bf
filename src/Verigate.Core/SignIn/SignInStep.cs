namespace Verigate.Core.SignIn;

/// <summary>What a sign-in attempt still needs: something the person knows, then proof of a second kind.</summary>
public enum SignInStep
{
    /// <summary>The password.</summary>
    FirstFactor,

    /// <summary>A remembered device, a code sent to a contact, or the account's second factor (TOTP, recovery code).</summary>
    SecondFactor,
}
