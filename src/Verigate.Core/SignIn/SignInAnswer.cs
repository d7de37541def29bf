using Verigate.Core.TwoFactor;

namespace Verigate.Core.SignIn;

/// <summary>
/// What completes a sign-in challenge: exactly one of the sent code or a second factor. Which kind a challenge
/// takes depends on its purpose; any other kind is simply a wrong answer.
/// </summary>
public sealed record SignInAnswer(string? Code, SecondFactorAnswer? SecondFactor)
{
    public string Field => SecondFactor?.Field ?? "code";
}
