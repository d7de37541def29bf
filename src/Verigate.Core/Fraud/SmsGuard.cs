using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Fraud;

/// <summary>
/// Stops SMS pumping before a provider is called: geo permissions, per-country and per-prefix daily velocity,
/// the conversion watch with growing blocks, and budgets that fail closed for SMS only. Numbers on the safe list
/// pass. Email never reaches this guard.
/// </summary>
public sealed partial class SmsGuard(SmsGuardOptions options, RateLimiter limiter, TimeProvider time)
{
    public const string AuditRefused = "sms.refused";
    public const string AuditPrefixBlocked = "fraud.prefix_blocked";
    public const string AuditBudgetSpent = "budget.spent";

    /// <summary>
    /// The decisions that must outlive a refused request, in their own transaction before the caller's: a refusal
    /// and its reason go to the audit, and a prefix whose conversion collapsed is blocked (stored, alerted). Given
    /// <paramref name="readIn"/> — the caller's write transaction, unused so far, on a store whose writers do not
    /// queue — the screen makes only the conversion watch, reads there, and a refusal is recorded and committed there
    /// (the caller then only answers); the rest is left to the send's charge, which the caller must then make through
    /// this guard. Else it reads in a session of its own and records a refusal in a transaction of its own.
    /// </summary>
    public async Task<Error?> ScreenAsync(IStore store, Destination destination, string? clientIp, CancellationToken ct, IStoreSession? readIn = null)
    {
        if (!destination.IsPhone || options.IsSafe(destination.Value))
        {
            return null;
        }

        var now = time.GetUtcNow();
        // Where writers do not queue (the caller lent its transaction), refusing early saves nothing worth a statement:
        // the send's charge judges the country, the prefix block and the budgets anyway, moments later and in the same
        // words (ChargeAsync, or the charge at once). Only the conversion watch, which the charge does not make, is
        // judged here then.
        var refusalsAtCharge = readIn is not null;

        // Nearly every send passes: judge it from a read, which neither takes SQLite's writer nor costs PostgreSQL
        // a transaction; only a refusal (something to record) is judged again in a write transaction.
        await using (var ownRead = readIn is null ? await store.OpenReadAsync(ct) : null)
        {
            var read = readIn ?? ownRead!;
            if ((refusalsAtCharge || await RefusalAsync(read, destination, now, ct) is null)
                && await WatchConversionAsync(read, destination, now, record: false, ct) is null)
            {
                return null;
            }
        }

        // The caller's transaction when it lent one (it has done nothing else yet, and ends with a refusal): a second
        // connection per refused request would let a burst of refusals exhaust the pool while holding the first.
        await using var ownWrite = readIn is null ? await store.BeginWriteAsync(ct) : null;
        var tx = readIn ?? ownWrite!;
        var refusal = (refusalsAtCharge ? null : await RefusalAsync(tx, destination, now, ct))
                      ?? await WatchConversionAsync(tx, destination, now, record: true, ct);
        if (refusal is not null)
        {
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditRefused, ClientIp: clientIp, Detail: Explain(refusal.Value.Reason, destination)), ct);
            await tx.CommitAsync(ct);
            return refusal.Value.Error; // audited here already: no Cause, so nobody records it twice
        }

        return null;
    }

    /// <summary>
    /// <see cref="ChargeAsync"/> as the only charge of a fresh counters session, which the caller commits right after
    /// it succeeds (a first send). Where the store can, the whole charge — send limits, velocity counters, the
    /// prefix block and the budgets — is decided and written in one statement that commits on its own, so the
    /// shared rows are locked only while the database executes it; otherwise, and whenever a budget is set (its
    /// totals are judged after the charge), it is <see cref="ChargeAsync"/>. The answers are the same either way.
    /// </summary>
    public async Task<Error?> ChargeFirstAsync(IStoreSession counters, Destination destination, IReadOnlyList<RateLimitCharge> sendCharges, CancellationToken ct)
    {
        var atOnce = await ChargeAtOnceAsync(counters, destination, sendCharges, ct);
        return atOnce.Handled ? atOnce.Refused : await ChargeAsync(counters, destination, sendCharges, ct);
    }

    private async Task<(bool Handled, Error? Refused)> ChargeAtOnceAsync(IStoreSession counters, Destination destination, IReadOnlyList<RateLimitCharge> sendCharges, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<RateLimitCharge> charges = sendCharges;
        string? blockScope = null;
        IReadOnlyList<string> periods = [];
        var cost = 0m;
        if (destination.IsPhone)
        {
            var region = PhoneCountry.Of(destination.Value);
            var safe = options.IsSafe(destination.Value);
            if (BudgetsSet || (!safe && !options.AllowsCountry(region)))
            {
                return (false, null);
            }

            if (!safe)
            {
                blockScope = PrefixScope(destination);
                charges = [.. sendCharges, .. VelocityCharges(destination, region)];
            }

            periods = [DayPeriod(now), MonthPeriod(now)];
            cost = options.CostOf(region);
        }

        var ordered = charges.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0 || ordered.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != ordered.Count)
        {
            return (false, null); // nothing to lock, or a key charged twice (it must see its own first charge): step by step
        }

        if (await counters.RateLimits.TryChargeAtOnceAsync(new CounterCharge(ordered, now, blockScope, periods, cost), ct) is not { } outcome)
        {
            return (false, null);
        }

        if (outcome.Blocked)
        {
            return (true, Blocked() with { Cause = Explain("prefix_blocked", destination) });
        }

        return (true, RateLimiter.Refusal(ordered, outcome.Decisions) is { } limited ? ExplainVelocity(limited, destination) : null);
    }

    private bool BudgetsSet => options.DailySmsBudget > 0 || options.MonthlySmsBudget > 0 || options.DailyCostBudget > 0 || options.MonthlyCostBudget > 0;

    private RateLimitCharge[] VelocityCharges(Destination destination, string? region) =>
    [
        new RateLimitCharge($"sms:country-day:{region ?? "unknown"}", options.SendsPerCountryPerDay),
        new RateLimitCharge($"sms:prefix-day:{destination.PhonePrefix}", options.SendsPerPrefixPerDay),
    ];

    // The velocity counters explain themselves in the audit; the send limits charged with them do not.
    private static Error ExplainVelocity(Error limited, Destination destination) =>
        limited.Limit is RateLimitWording.SmsPerCountryPerDay or RateLimitWording.SmsPerPrefixPerDay
            ? limited with { Cause = Explain("velocity", destination) }
            : limited;

    /// <summary>
    /// In the send's counters session (<see cref="IStoreSession.BeginCountersAsync"/>): refuses what
    /// <see cref="ScreenAsync"/> would (so a resend is held too), charges the daily velocity counters together with
    /// <paramref name="sendCharges"/> (the caller's send limits: one locking read and one write for all of them)
    /// and counts the SMS against the budgets. A refusal means nothing may be committed.
    /// </summary>
    public async Task<Error?> ChargeAsync(IStoreSession tx, Destination destination, IReadOnlyList<RateLimitCharge> sendCharges, CancellationToken ct)
    {
        if (!destination.IsPhone)
        {
            return await limiter.TryChargeAsync(tx, sendCharges, ct);
        }

        var now = time.GetUtcNow();
        var region = PhoneCountry.Of(destination.Value);
        var safe = options.IsSafe(destination.Value);
        if (!safe && await RefusalAsync(tx, destination, now, ct) is { } refusal)
        {
            return refusal.Error with { Cause = Explain(refusal.Reason, destination) };
        }

        IReadOnlyList<RateLimitCharge> charges = safe ? sendCharges : [.. sendCharges, .. VelocityCharges(destination, region)];
        if (await limiter.TryChargeAsync(tx, charges, ct) is { } limited)
        {
            return ExplainVelocity(limited, destination);
        }

        var cost = options.CostOf(region);
        var totals = await tx.Fraud.AddToBudgetsAsync([DayPeriod(now), MonthPeriod(now)], cost, ct);
        var (day, month) = (totals[0], totals[1]);
        if (!safe && (Over(day, options.DailySmsBudget, options.DailyCostBudget) || Over(month, options.MonthlySmsBudget, options.MonthlyCostBudget)))
        {
            return BudgetError() with { Cause = Explain("budget_spent", destination) };
        }

        // The send that spends the budget's last unit says so, once, with the send itself.
        foreach (var (usage, count, money) in new[] { (day, options.DailySmsBudget, options.DailyCostBudget), (month, options.MonthlySmsBudget, options.MonthlyCostBudget) })
        {
            if (Reached(usage, count, money) && !Reached(usage with { Sends = usage.Sends - 1, Cost = usage.Cost - cost }, count, money))
            {
                await tx.Audit.AppendAsync(new AuditEvent(now, AuditBudgetSpent, Detail: $"period={usage.Period} sends={usage.Sends} cost={usage.Cost.ToString(CultureInfo.InvariantCulture)}"), ct);
                await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.BudgetSpent, "budget:" + usage.Period, null, new JsonObject
                {
                    ["period"] = usage.Period,
                    ["sends"] = usage.Sends,
                    ["estimatedCost"] = usage.Cost,
                    ["channel"] = "sms",
                }, now, ct);
            }
        }

        return null;
    }

    /// <summary>
    /// After the refused send was rolled back: the refusal (an error of <see cref="ChargeAsync"/>, whose
    /// <see cref="Error.Cause"/> says why) goes to the audit and, when the code already had a challenge (a resend),
    /// to its delivery timeline, where the person sees why nothing arrived. Errors without a cause are not the guard's.
    /// A password reset's timeline is left alone: a decoy never meets the guard, so the entry would tell them apart.
    /// </summary>
    public async Task RecordRefusalAsync(IStore store, Error refused, string? challengeId, long? userId, string? clientIp, CancellationToken ct)
    {
        if (refused.Cause is not { } cause)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        var challenge = challengeId is null ? null : await tx.Challenges.GetAsync(challengeId, ct);
        if (challenge is { Subject.Kind: SubjectKind.Account })
        {
            userId ??= challenge.Subject.UserId;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditRefused, userId, challenge?.Id, ClientIp: clientIp, Detail: cause), ct);
        if (challenge is { Destination.IsPhone: true } && challenge.Purpose != ChallengePurpose.PasswordReset)
        {
            await tx.Deliveries.AppendAsync(new DeliveryEvent(challenge.Id, 0, challenge.Destination, DeliveryStatus.Refused, now,
                "Not sent: text messages to this number are held by the abuse guard."), ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>The audit's words for a refusal: the reason and where, never the full number.</summary>
    private static string Explain(string reason, Destination destination) =>
        $"reason={reason} country={PhoneCountry.Of(destination.Value) ?? "unknown"} prefix={destination.PhonePrefix}";

    private async Task<(Error Error, string Reason)?> RefusalAsync(IStoreSession tx, Destination destination, DateTimeOffset now, CancellationToken ct)
    {
        if (!options.AllowsCountry(PhoneCountry.Of(destination.Value)))
        {
            return (Blocked(), "country_not_allowed");
        }

        if (await tx.Fraud.GetBlockAsync(PrefixScope(destination), ct) is { } block && block.BlockedUntil > now)
        {
            return (Blocked(), "prefix_blocked");
        }

        if (BudgetsSet)
        {
            var day = await tx.Fraud.GetBudgetAsync(DayPeriod(now), ct);
            var month = await tx.Fraud.GetBudgetAsync(MonthPeriod(now), ct);
            if (Reached(day, options.DailySmsBudget, options.DailyCostBudget) || Reached(month, options.MonthlySmsBudget, options.MonthlyCostBudget))
            {
                return (BudgetError(), "budget_spent");
            }
        }

        return null;
    }

    public static string PrefixScope(Destination destination) => "prefix:" + destination.PhonePrefix;

    private static string DayPeriod(DateTimeOffset now) => "day:" + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MonthPeriod(DateTimeOffset now) => "month:" + now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool Reached(BudgetUsage usage, int sends, decimal cost) =>
        (sends > 0 && usage.Sends >= sends) || (cost > 0 && usage.Cost >= cost);

    private static bool Over(BudgetUsage usage, int sends, decimal cost) =>
        (sends > 0 && usage.Sends > sends) || (cost > 0 && usage.Cost > cost);

    // Generic on purpose: the same answer whatever tripped, offering the channels the guard never holds.
    private static Error Blocked() =>
        new(ErrorCodes.DestinationBlocked, "Text messages cannot be sent to this number; use another channel, such as email.", "channel");

    private static Error BudgetError() =>
        new(ErrorCodes.ChannelUnavailable, "Text messages are not available right now; use another channel, such as email.", "channel");
}
