using Verigate.Core.Challenges;
using Verigate.Core.Destinations;

namespace Verigate.Core.RateLimiting;

/// <summary>
/// Which counters one message send charges. Sends somebody asked for about their own account or an integrator's
/// verification charge the destination, phone prefix, account, client IP and API key. A password reset, which
/// anybody can ask for about anybody, charges budgets of its own (per account and prefix) plus the requester's
/// IP, so a flood of resets never spends what the owner's sign-in or an integrator's sends need.
/// </summary>
public sealed class SendLimits(RateLimitOptions options)
{
    public IReadOnlyList<RateLimitCharge> For(ChallengePurpose purpose, Destination destination, SendOrigin origin) =>
        ChallengePolicies.For(purpose).MayBeDecoy
            ? [.. ResetOwner(destination, origin), .. Requester(origin)]
            : Ordinary(destination, origin);

    /// <summary>The reset budgets of the account (and phone prefix) a reset is sent to.</summary>
    public IReadOnlyList<RateLimitCharge> ResetOwner(Destination destination, SendOrigin origin)
    {
        var charges = new List<RateLimitCharge>(2);
        if (origin.UserId is { } userId)
        {
            charges.Add(new($"reset:account:{userId}", options.ResetsPerAccount));
        }

        if (destination.PhonePrefix is { } prefix)
        {
            charges.Add(new($"reset:prefix:{prefix}", options.SendsPerPhonePrefix));
        }

        return charges;
    }

    /// <summary>What the caller who asked for a send pays, whoever the message is for.</summary>
    public IReadOnlyList<RateLimitCharge> Requester(SendOrigin origin) =>
        string.IsNullOrEmpty(origin.ClientIp) ? [] : [new($"send:ip:{origin.ClientIp}", options.SendsPerIp)];

    private List<RateLimitCharge> Ordinary(Destination destination, SendOrigin origin)
    {
        var charges = new List<RateLimitCharge>(5)
        {
            new($"send:dest:{destination.Value}", options.SendsPerDestination),
        };
        if (destination.PhonePrefix is { } prefix)
        {
            charges.Add(new($"send:prefix:{prefix}", options.SendsPerPhonePrefix));
        }

        if (origin.UserId is { } userId)
        {
            charges.Add(new($"send:account:{userId}", options.SendsPerAccount));
        }

        charges.AddRange(Requester(origin));
        if (origin.ApiKeyId is { } keyId)
        {
            charges.Add(new($"send:key:{keyId}", options.SendsPerApiKey));
        }

        return charges;
    }
}
