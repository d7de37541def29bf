using Verigate.Core.ActionLinks;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;

namespace Verigate.Core.Contacts;

/// <summary>
/// Adding, changing and removing an account's email addresses and phone numbers. A new address is proved by a code
/// sent to it (purpose <see cref="ChallengePurpose.ContactChange"/>, bound to it); once verified it is primary for its
/// kind, and every contact verified before is told, each with its own single-use undo link. For
/// <see cref="ContactOptions.ChangeHold"/> the new address cannot reset the password nor let the one it replaced be
/// removed, so a thief in a session cannot lock the owner out at once. Each step is one transaction with its audit
/// event, notices and webhook event.
/// </summary>
public sealed class ContactChangeFlow(
    IStore store,
    ChallengeEngine engine,
    ReuseKeys reuseKeys,
    SmsGuard guard,
    SessionFreshness freshness,
    IChannelAvailability channels,
    ActionLinkService links,
    SnowflakeIdGenerator ids,
    ContactOptions options,
    TimeProvider time)
{
    public static readonly ChallengeScope Scope = ChallengeScope.Account(ChallengePurpose.ContactChange);

    private static readonly ChallengePolicy Policy = ChallengePolicies.For(ChallengePurpose.ContactChange);

    /// <summary>
    /// Sends a code to the address being added (exactly one of <paramref name="email"/> and <paramref name="phone"/>).
    /// An address another account has verified is answered exactly like any other: the code goes there, and only
    /// whoever reads it learns, on verifying, that it is taken.
    /// </summary>
    public async Task<Result<ContactChangeStarted>> StartAsync(
        long userId, long deviceId, DateTimeOffset sessionAuthenticatedAt, string? email, string? phone, ClientContext client, CancellationToken ct)
    {
        var parsed = Parse(email, phone);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var to = parsed.Value;
        if (Policy.NeedsFreshSession && freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        var started = await IssueAsync(userId, deviceId, to, client, ct);
        if (!started.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, started.Error, null, userId, client.Ip, ct);
        }

        return started;
    }

    private async Task<Result<ContactChangeStarted>> IssueAsync(long userId, long deviceId, Destination to, ClientContext client, CancellationToken ct)
    {
        if (await guard.ScreenAsync(store, to, client.Ip, ct) is { } refused)
        {
            return refused;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var account = await tx.Accounts.GetAsync(userId, ct);
        if (account is null)
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if ((await tx.Accounts.ContactsOfAsync(userId, ct)).Any(c => c.Verified && c.Destination == to))
        {
            return new Error(ErrorCodes.ContactExists, "This address is already on your account and verified.", to.IsPhone ? "phone" : "email");
        }

        // Asking again for the same address while its code is on its way sends that code again rather than a second
        // one: the first would stop working, and every new code would use up the address's send budget.
        var origin = new SendOrigin(userId, client.Ip);
        var reuseKey = reuseKeys.ContactChange(userId, to);
        var device = (await tx.Devices.ListAsync(userId, ct)).FirstOrDefault(d => d.DeviceId == deviceId);
        var issued = await engine.FindReusableAsync(tx, reuseKey, ct) is { } pending
            ? await engine.ResendReusedAsync(tx, pending, origin, ct)
            : await engine.IssueAsync(
                tx,
                new ChallengeRequest(ChallengePurpose.ContactChange, ChallengeSubject.ForAccount(userId), to, account.Locale,
                    DeviceName: device?.Name ?? client.UserAgent, ClientIp: client.Ip, ReuseKey: reuseKey),
                origin,
                ct);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        await tx.Audit.AppendAsync(new AuditEvent(time.GetUtcNow(), AuditEventTypes.ContactChangeRequested, userId, issued.Value.Id, ClientIp: client.Ip,
            Detail: $"channel={to.Channel.ToWire()} to={to.Masked}"), ct);
        await tx.CommitAsync(ct);
        return new ContactChangeStarted(issued.Value.Id, to, issued.Value.ExpiresAt);
    }

    /// <summary>
    /// The right code makes the address verified (and primary for its kind); returns the account's contacts. With
    /// <paramref name="userId"/>, only that account's challenges are found (others answer like unknown ones).
    /// </summary>
    public async Task<Result<IReadOnlyList<Contact>>> CompleteAsync(string challengeId, string code, ClientContext client, CancellationToken ct, long? userId = null)
    {
        var scope = userId is { } owner ? Scope with { SubjectId = ChallengeSubject.ForAccount(owner).Id } : Scope;
        if (await engine.RefuseEarlyAsync(store, challengeId, scope, ct) is { } decided)
        {
            return decided;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var checkedChallenge = await engine.CheckAsync(tx, challengeId, scope, code, ct);
        if (!checkedChallenge.IsSuccess)
        {
            await tx.CommitAsync(ct); // the used attempt must stick
            return checkedChallenge.Error;
        }

        var challenge = checkedChallenge.Value;
        return await ApplyAsync(tx, challenge, client, ct);
    }

    private async Task<Result<IReadOnlyList<Contact>>> ApplyAsync(IStoreSession tx, Challenge challenge, ClientContext client, CancellationToken ct)
    {
        var userId = challenge.Subject.UserId;
        var to = challenge.Destination;
        var now = time.GetUtcNow();
        var before = await tx.Accounts.ContactsOfAsync(userId, ct);
        if (before.FirstOrDefault(c => c.Destination == to) is { Verified: true })
        {
            await tx.CommitAsync(ct); // verified meanwhile (two codes to one address): nothing changes
            return Result<IReadOnlyList<Contact>>.Success(before);
        }

        var contactId = await VerifyAsync(tx, userId, to, before, now, ct);
        if (contactId is null)
        {
            // Only the owner of the mailbox or phone got the code, so telling them it is taken reveals nothing.
            await tx.CommitAsync(ct);
            return new Error(ErrorCodes.ContactTaken, "This address already belongs to another account.");
        }

        var replaced = ContactPicker.Primary([.. before.Where(c => c.Verified && c.Destination.Channel == to.Channel)]);
        if (replaced is not null)
        {
            // The new address takes the replaced one's place in the order; the replaced one goes behind it (and behind
            // every contact ranked before now), strictly later even when both were made in the same millisecond.
            await tx.Contacts.SetRankAsync(contactId.Value, replaced.Rank, ct);
            var behind = replaced.Rank.AddMilliseconds(1); // instants are stored in whole milliseconds
            await tx.Contacts.SetRankAsync(replaced.ContactId, now > behind ? now : behind, ct);
        }

        var change = new ContactChange(SecureTokens.Create("cc_", 16), userId, replaced is null ? ContactChange.KindAdded : ContactChange.KindReplaced,
            contactId.Value, to, replaced?.ContactId, replaced?.Destination, replaced?.Rank, now, now + options.ChangeHold, challenge.DeviceName);
        await tx.Contacts.InsertChangeAsync(change, ct);

        var account = await tx.Accounts.GetAsync(userId, ct);
        var values = ContactEvents.Values(to, replaced?.Destination, now, challenge.DeviceName);
        // Every address verified before is told, each with its own undo link: the one replaced, and (a new phone is a new
        // authenticator, NIST SP 800-63B-4 §4.1.2, §4.6) every other, so whichever the owner still reads can undo it.
        await ContactEvents.NotifyAsync(tx, before, replaced is null ? ContactNotices.Added : ContactNotices.Changed, values, account?.Locale ?? challenge.Locale, now,
            async _ => (await links.IssueAsync(tx, userId, UndoContactChangeLink.LinkKind, change.Id, ct)).Id, ct);
        await ContactEvents.RecordAsync(tx, userId, change.Kind == ContactChange.KindAdded ? ContactEvents.Added : ContactEvents.Replaced,
            AuditEventTypes.ContactChanged, to, contactId.Value, challenge.Id, client.Ip, now, ct);
        var after = await tx.Accounts.ContactsOfAsync(userId, ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<Contact>>.Success(after);
    }

    /// <summary>Marks the account's unverified contact verified, or adds the address verified; the contact id, or null when taken.</summary>
    private async Task<long?> VerifyAsync(IStoreSession tx, long userId, Destination to, IReadOnlyList<Contact> before, DateTimeOffset now, CancellationToken ct)
    {
        if (before.FirstOrDefault(c => c.Destination == to) is { } unverified)
        {
            return await tx.Accounts.TryMarkContactVerifiedAsync(userId, to, now, ct) ? unverified.ContactId : null;
        }

        var contact = new Contact(ids.Next(), userId, to, true, now);
        return await tx.Contacts.TryInsertVerifiedAsync(contact, now, ct) ? contact.ContactId : null;
    }

    /// <summary>
    /// Removes a contact. Never the last verified one (a person must keep a way to get codes), and not the one a
    /// change replaced while that change's hold lasts.
    /// </summary>
    public async Task<Result<bool>> RemoveAsync(
        long userId, long deviceId, DateTimeOffset sessionAuthenticatedAt, long contactId, ClientContext client, CancellationToken ct)
    {
        if (freshness.Require(sessionAuthenticatedAt) is { } stale)
        {
            return stale;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var contacts = await tx.Accounts.ContactsOfAsync(userId, ct);
        if (contacts.FirstOrDefault(c => c.ContactId == contactId) is not { } contact)
        {
            return new Error(ErrorCodes.ContactNotFound, "Your account has no contact with this id.", "contactId");
        }

        var now = time.GetUtcNow();
        if (contact.Verified && !contacts.Any(c => c.Verified && c.ContactId != contactId))
        {
            return new Error(ErrorCodes.LastContact, "This is your only verified contact: add another before removing it.", "contactId");
        }

        if ((await tx.Contacts.HoldingAsync(userId, now, ct)).FirstOrDefault(h => h.ReplacedContactId == contactId) is { } hold)
        {
            return new Error(ErrorCodes.ContactOnHold,
                "This address was replaced recently; for your safety it can be removed once the change is settled.", "contactId", RetryAfter: hold.HoldUntil - now);
        }

        var account = await tx.Accounts.GetAsync(userId, ct);
        var device = (await tx.Devices.ListAsync(userId, ct)).FirstOrDefault(d => d.DeviceId == deviceId)?.Name;
        await ContactEvents.NotifyAsync(tx, contacts, ContactNotices.Removed, ContactEvents.Values(contact.Destination, null, now, device),
            account?.Locale ?? "en", now, null, ct);
        await tx.Contacts.DeleteAsync(userId, contactId, ct);
        await ContactEvents.RecordAsync(tx, userId, ContactEvents.Removed, AuditEventTypes.ContactRemoved, contact.Destination, contactId, null, client.Ip, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The account's contacts, for the caller's own view.</summary>
    public async Task<IReadOnlyList<Contact>> ListAsync(long userId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Accounts.ContactsOfAsync(userId, ct);
    }

    /// <summary>The same parsing as sign-up; exactly one of the two.</summary>
    private Result<Destination> Parse(string? email, string? phone)
    {
        if ((email is null) == (phone is null))
        {
            return Error.InvalidRequest(email is null ? "email" : "phone", "Send exactly one of 'email' and 'phone'.");
        }

        var (value, channel, field) = email is not null ? (email, Channel.Email, "email") : (phone, Channel.Sms, "phone");
        var parsed = DestinationParser.Parse(value, channel, field);
        if (parsed.IsSuccess && !channels.IsAvailable(channel))
        {
            return new Error(ErrorCodes.ChannelUnavailable, $"This server cannot send codes by {channel.ToWire()}; use another kind of contact.", field);
        }

        return parsed;
    }
}
