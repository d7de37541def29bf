namespace Verigate.Server.Web.Challenges;

/// <summary>The challenge a person is answering in the browser, and which flow it belongs to.</summary>
/// <param name="Flow">One of <see cref="SignUp"/>, <see cref="SignIn"/>, <see cref="Reset"/>, <see cref="TwoFactor"/>.</param>
/// <param name="Id">The challenge id; it stays in the encrypted cookie, never in a URL.</param>
/// <param name="Methods">For a two-factor sign-in: the methods that may complete it (totp, recovery_code).</param>
public sealed record PendingChallenge(string Flow, string Id, IReadOnlyList<string> Methods)
{
    public const string SignUp = "signup";
    public const string SignIn = "signin";
    public const string Reset = "reset";
    public const string TwoFactor = "twofactor";

    /// <summary>Sign-up and new-device challenges both end in a session through the same code page.</summary>
    public bool EndsInSession => Flow is SignUp or SignIn;
}
