using System.Text.Json.Nodes;
using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Fraud;

/// <summary>
/// The conversion watch: a phone prefix whose codes suddenly go unconverted far more than its own baseline (the
/// mark of SMS pumping) is blocked, for longer at each strike.
/// </summary>
public sealed partial class SmsGuard
{
    // record = false only judges (in a read session); true also stores the block, audits and publishes it.
    private async Task<(Error Error, string Reason)?> WatchConversionAsync(IStoreSession tx, Destination destination, DateTimeOffset now, bool record, CancellationToken ct)
    {
        var watch = options.ConversionWatch;
        if (!watch.Enabled || destination.PhonePrefix is not { } prefix)
        {
            return null;
        }

        var scope = PrefixScope(destination);
        var previous = await tx.Fraud.GetBlockAsync(scope, ct);
        // Codes sent before the last block ended were judged already; judging them again would re-block at once.
        var windowStart = now - watch.Window;
        if (previous is not null && previous.BlockedUntil > windowStart)
        {
            windowStart = previous.BlockedUntil;
        }

        var recent = await tx.Fraud.PrefixStatsAsync(prefix, windowStart, now.AddMilliseconds(1), ct); // codes sent this very millisecond count
        if (recent.Sent < watch.MinimumSends)
        {
            return null;
        }

        var history = await tx.Fraud.PrefixStatsAsync(prefix, now - watch.Window - watch.BaselinePeriod, now - watch.Window, ct);
        var baseline = history.Sent >= watch.MinimumSends ? history.UnconvertedShare : watch.DefaultBaseline;
        if (recent.UnconvertedShare - baseline < watch.JumpAbove)
        {
            return null;
        }

        if (!record)
        {
            return (Blocked(), "prefix_blocked");
        }

        var strikes = (previous?.Strikes ?? 0) + 1;
        var until = now + watch.BlockFor(strikes);
        var reason = $"unconverted {recent.UnconvertedShare:P0} of {recent.Sent} against a baseline of {baseline:P0}";
        await tx.Fraud.SetBlockAsync(new FraudBlock(scope, until, strikes, reason, now), ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditPrefixBlocked, Detail: $"prefix={prefix} until={until:O} strikes={strikes} {reason}"), ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.FraudPrefixBlocked, scope, null, new JsonObject
        {
            ["prefix"] = prefix,
            ["country"] = PhoneCountry.Of(destination.Value),
            ["blockedUntil"] = until.UtcDateTime,
            ["strikes"] = strikes,
            ["sent"] = recent.Sent,
            ["converted"] = recent.Converted,
            ["baselineUnconvertedShare"] = Math.Round(baseline, 3),
        }, now, ct);
        return (Blocked(), "prefix_blocked");
    }
}
