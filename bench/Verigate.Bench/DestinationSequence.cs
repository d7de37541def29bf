using System.Globalization;
using System.Security.Cryptography;

namespace Verigate.Bench;

/// <summary>
/// A new destination for every verification, so the per-destination send limit and the inbox lookup never see
/// two cycles at once. Phone numbers are German mobiles (+49 151 and 8 digits), which libphonenumber accepts; a
/// random starting point keeps two runs against the same server apart.
/// </summary>
internal sealed class DestinationSequence(string channel)
{
    private const long SubscriberSpan = 90_000_000;

    private readonly long _start = RandomNumberGenerator.GetInt32((int)SubscriberSpan);
    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private long _next;

    public string Next()
    {
        var n = Interlocked.Increment(ref _next);
        return channel == "email"
            ? string.Create(CultureInfo.InvariantCulture, $"bench{_run}.{n}@example.com")
            : string.Create(CultureInfo.InvariantCulture, $"+49151{10_000_000 + ((_start + n) % SubscriberSpan)}");
    }
}
