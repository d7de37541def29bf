using Verigate.Core.Destinations;

namespace Verigate.Core.RateLimiting;

/// <summary>Which counters one message send charges: destination, phone prefix, account, client IP, API key.</summary>
public sealed class SendLimits(RateLimitOptions options)
{
    public IReadOnlyList<RateLimitCharge> For(Destination destination, SendOrigin origin)
    {
        var space = origin.Budget switch
        {
            SendBudget.Reset => "reset",
            SendBudget.Decoy => "decoy",
            _ => "send",
        };
        var charges = new List<RateLimitCharge>(5)
        {
            new($"{space}:dest:{destination.Value}", options.SendsPerDestination),
        };
        if (destination.PhonePrefix is { } prefix)
        {
            charges.Add(new($"{space}:prefix:{prefix}", options.SendsPerPhonePrefix));
        }

        if (origin.UserId is { } userId)
        {
            charges.Add(new($"{space}:account:{userId}", options.SendsPerAccount));
        }

        if (!string.IsNullOrEmpty(origin.ClientIp))
        {
            // The requester pays, whichever budget the rest comes from.
            charges.Add(new($"send:ip:{origin.ClientIp}", options.SendsPerIp));
        }

        if (origin.ApiKeyId is { } keyId)
        {
            charges.Add(new($"send:key:{keyId}", options.SendsPerApiKey));
        }

        return charges;
    }
}
