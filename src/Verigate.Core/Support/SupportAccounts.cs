using System.Globalization;
using Verigate.Core.ActivityLog;
using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Identifiers;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Support;

/// <summary>
/// Finds an account for an agent (exact match on username, user id, email or phone (verified or still unverified: a person whose code never came has one), device id; addresses
/// normalized by <see cref="DestinationParser"/> as everywhere else) and shows it as a <see cref="SupportAccountView"/>.
/// Every opened account is audited with the agent, so who looked at whom is on record.
/// </summary>
public sealed class SupportAccounts(IStore store, SecondFactors secondFactors, AccountActivity activity, SessionPolicyOptions sessions, TimeProvider time)
{
    public const int RecentChallenges = 10;
    public const int ActivityShown = 20;
    private const int MaxQueryLength = 320;

    /// <summary>The account the query names, or null. Tries, in order: a user id, a device id, an email, a phone number, a username.</summary>
    public async Task<long?> FindAsync(string? query, CancellationToken ct)
    {
        var q = query?.Trim() ?? string.Empty;
        if (q.Length is 0 or > MaxQueryLength)
        {
            return null;
        }

        await using var read = await store.OpenReadAsync(ct);
        if (long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (await read.Accounts.GetAsync(number, ct) is { } byId)
            {
                return byId.UserId;
            }

            if (await read.Support.FindUserByDeviceAsync(number, ct) is { } byDevice)
            {
                return byDevice;
            }
        }

        if (q.Contains('@', StringComparison.Ordinal))
        {
            return DestinationParser.ParseEmail(q, "q") is { IsSuccess: true } email ? await read.Support.FindUserByContactAsync(email.Value, ct) : null;
        }

        if ((q.StartsWith('+') || q.StartsWith("00", StringComparison.Ordinal)) && DestinationParser.ParsePhone(q, "q") is { IsSuccess: true } phone)
        {
            return await read.Support.FindUserByContactAsync(phone.Value, ct);
        }

        return UsernameRules.Validate(q) is null ? (await read.Accounts.FindByUsernameAsync(q, ct))?.UserId : null;
    }

    /// <summary>The account as an agent sees it; null when there is none. Audited as viewed by <paramref name="staffActor"/>.</summary>
    public async Task<SupportAccountView?> ViewAsync(long userId, long staffId, string staffActor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        SupportAccountView view;
        await using (var read = await store.OpenReadAsync(ct))
        {
            if (await read.Accounts.GetAsync(userId, ct) is not { } account)
            {
                return null;
            }

            var devices = await read.Devices.ListAsync(userId, ct);
            var names = devices.ToDictionary(d => d.DeviceId, d => d.Name);
            var challenges = new List<SupportChallenge>();
            foreach (var id in await read.Support.RecentChallengeIdsAsync(userId, RecentChallenges, ct))
            {
                if (await read.Challenges.GetAsync(id, ct) is { } c)
                {
                    var timeline = (await read.Deliveries.ListAsync(id, ct))
                        .Select(e => new SupportDelivery(e.Status.ToString().ToLowerInvariant(), e.At, e.Destination.Channel, DestinationMasker.Mask(e.Destination), e.Detail, e.ProviderReason))
                        .ToList();
                    challenges.Add(new SupportChallenge(c.Id, c.Purpose, c.Status, c.Destination.Channel, DestinationMasker.Mask(c.Destination), c.CreatedAt, c.ExpiresAt, timeline));
                }
            }

            view = new SupportAccountView(
                account.UserId,
                account.Username,
                account.CreatedAt,
                [.. (await read.Accounts.ContactsOfAsync(userId, ct)).Select(c => new SupportContact(c.Destination.Channel, DestinationMasker.Mask(c.Destination), c.Verified))],
                await secondFactors.StatusAsync(read, userId, ct),
                [.. devices.Select(d => new SupportDevice(d.DeviceId, d.Name, d.RememberedUntil(sessions.RememberDeviceFor, now) is not null, d.LastSeenAt))],
                [.. (await read.Sessions.ListActiveAsync(userId, now, now - sessions.IdleTimeout, ct))
                    .Select(s => new SupportSession(s.SessionId, names.GetValueOrDefault(s.DeviceId, SessionIssuer.UnnamedDevice), s.CreatedAt, s.LastSeenAt ?? s.CreatedAt))],
                challenges,
                [],
                await read.Support.IsSignInLockedAsync(userId, ct),
                (await read.AccountRecoveries.FindPendingAsync(userId, ct))?.CompletesAt,
                await read.Support.CallerVerifiedUntilAsync(staffId, userId, ct) is { } until && until > now ? until : null);
        }

        var page = await activity.ListAsync(userId, null, ActivityShown, ct);
        await using var tx = await store.BeginWriteAsync(ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SupportAccountViewed, userId, Actor: staffActor), ct);
        await tx.CommitAsync(ct);
        return view with { Activity = page.IsSuccess ? page.Value.Entries : [] };
    }
}
