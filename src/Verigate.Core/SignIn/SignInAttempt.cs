using Verigate.Core.Accounts;
using Verigate.Core.Challenges;

namespace Verigate.Core.SignIn;

/// <summary>
/// One sign-in in progress: whose it is, what it still needs, and — once the password is right — the challenge
/// that stands for it and the methods that may satisfy what remains. Methods record what they proved here.
/// </summary>
public sealed class SignInAttempt
{
    private SignInAttempt(Account? account, Challenge? challenge, SignInStep? needs, ClientContext client)
    {
        Account = account;
        Challenge = challenge;
        Needs = needs;
        Client = client;
    }

    /// <summary>The account the login named; null when it names none (the password is then checked against a decoy).</summary>
    public Account? Account { get; }

    /// <summary>The sign-in challenge the client answers; null until one is opened.</summary>
    public Challenge? Challenge { get; private set; }

    /// <summary>The step still missing; null once the attempt is complete.</summary>
    public SignInStep? Needs { get; private set; }

    public ClientContext Client { get; }

    /// <summary>The wire names of the methods that may satisfy <see cref="Needs"/>, in the order they are offered.</summary>
    public IReadOnlyList<string> Methods { get; private set; } = [];

    /// <summary>The remembered device that satisfied the second step, if one did.</summary>
    public long? RememberedDeviceId { get; set; }

    public long UserId => Account?.UserId ?? Challenge?.Subject.UserId
        ?? throw new InvalidOperationException("A sign-in attempt without an account has no user.");

    /// <summary>A sign-in that starts with the login and password.</summary>
    public static SignInAttempt Start(Account? account, ClientContext client) => new(account, null, SignInStep.FirstFactor, client);

    /// <summary>A sign-in continued by answering its challenge: the first step was done when the challenge was opened.</summary>
    public static SignInAttempt Continue(Challenge challenge, ClientContext client) => new(null, challenge, SignInStep.SecondFactor, client);

    public void Satisfied(SignInStep step)
    {
        if (Needs == step)
        {
            Needs = step == SignInStep.FirstFactor ? SignInStep.SecondFactor : null;
            Methods = [];
        }
    }

    /// <summary>The challenge now waiting for one of <paramref name="methods"/>.</summary>
    public void Awaits(Challenge challenge, IReadOnlyList<string> methods)
    {
        Challenge = challenge;
        Methods = methods;
    }
}
