using Verigate.Core.Accounts;
using Verigate.Core.ActionLinks;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.Notices;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Core.Storage;
using Verigate.Core.TwoFactor;
using Verigate.Core.Webhooks;

namespace Verigate.Core.AccountRecovery;

/// <summary>
/// Recovery for a person who lost their second factor (authenticator app and recovery codes). Proof: the password,
/// then a code sent to a verified contact — two things an attacker rarely has together — and then time: the factor
/// is removed only after <see cref="AccountRecoveryOptions.RecoveryWaitingPeriod"/>, while every verified contact is
/// told and the owner can cancel (signed in, or by the link in the notice). This is what large consumer services do
/// and what NIST SP 800-63B-4 asks of recovery that falls back to weaker proof: notify, and give the owner time.
/// </summary>
public sealed class AccountRecoveryFlow(
    IStore store,
    LoginFlow logins,
    ChallengeEngine engine,
    SecondFactors secondFactors,
    IChannelAvailability channels,
    SmsGuard guard,
    ActionLinkService links,
    AccountRecoveryOptions options,
    TimeProvider time)
{
    public static readonly ChallengeScope Scope = ChallengeScope.Account(ChallengePurpose.AccountRecovery);

    /// <summary>Step 1: the password (same limits and answers as sign-in), then a code to a verified contact.</summary>
    public async Task<Result<AccountRecoveryStarted>> StartAsync(string login, string password, ClientContext client, CancellationToken ct)
    {
        var proved = await logins.CheckPasswordAsync(login, password, client, ct);
        if (!proved.IsSuccess)
        {
            return proved.Error;
        }

        var account = proved.Value;
        var started = await IssueAsync(account, client, ct);
        if (!started.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, started.Error, null, account.UserId, client.Ip, ct);
        }

        return started;
    }

    private async Task<Result<AccountRecoveryStarted>> IssueAsync(Account account, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await RefusalAsync(tx, account.UserId, ct) is { } refused)
        {
            return refused;
        }

        var verified = (await tx.Accounts.ContactsOfAsync(account.UserId, ct)).Where(c => c.Verified);
        if (ContactPicker.Primary(ContactPicker.Reachable(verified, channels)) is not { } contact)
        {
            return new Error(ErrorCodes.ChannelUnavailable, "This account has no verified contact a code can be sent to.");
        }

        var issued = await engine.IssueAsync(
            tx,
            new ChallengeRequest(ChallengePurpose.AccountRecovery, ChallengeSubject.ForAccount(account.UserId), contact.Destination,
                account.Locale, DeviceName: client.UserAgent, ClientIp: client.Ip),
            new SendOrigin(account.UserId, client.Ip),
            ct);
        if (!issued.IsSuccess)
        {
            return issued.Error;
        }

        await tx.CommitAsync(ct);
        var challenge = issued.Value;
        return new AccountRecoveryStarted(challenge.Id, challenge.Destination.Channel, challenge.Destination.Masked, challenge.ExpiresAt);
    }

    /// <summary>Step 2: the right code opens the request; the waiting period starts and every verified contact is told.</summary>
    public async Task<Result<AccountRecoveryRequest>> ConfirmAsync(string challengeId, string code, ClientContext client, CancellationToken ct)
    {
        if (await engine.RefuseEarlyAsync(store, challengeId, Scope, ct) is { } decided)
        {
            return decided;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var checkedChallenge = await engine.CheckAsync(tx, challengeId, Scope, code, ct);
        if (!checkedChallenge.IsSuccess)
        {
            await tx.CommitAsync(ct); // the used attempt must stick
            return checkedChallenge.Error;
        }

        // Checked again when opening: the factor may have been turned off, or another request opened, since the code was sent.
        var opened = await OpenAsync(tx, checkedChallenge.Value.Subject.UserId, client, ct);
        await tx.CommitAsync(ct); // the code is spent either way
        return opened;
    }

    /// <summary>
    /// Support opens the request for a caller it verified by their support PIN (or an admin, giving a reason): a person
    /// who lost their second factor often cannot sign in to do it. Only the proof differs; the waiting period, the
    /// notices to every verified contact with their cancel link, and the webhook event are the same.
    /// </summary>
    public async Task<Result<AccountRecoveryRequest>> OpenForSupportAsync(long userId, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var opened = await OpenAsync(tx, userId, client, ct);
        if (opened.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return opened;
    }

    /// <summary>Starts the waiting period and tells every verified contact; the caller commits.</summary>
    private async Task<Result<AccountRecoveryRequest>> OpenAsync(IStoreSession tx, long userId, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var request = new AccountRecoveryRequest(SecureTokens.Create("rec_", 16), userId, AccountRecoveryRequest.Pending, now,
            now + options.RecoveryWaitingPeriod, null, client.Ip);
        var refused = await RefusalAsync(tx, userId, ct);
        if (refused is not null || !await tx.AccountRecoveries.TryInsertAsync(request, ct))
        {
            return refused ?? PendingAlready();
        }

        var hours = (int)Math.Ceiling(options.RecoveryWaitingPeriod.TotalHours);
        await AccountRecoveryEvents.RecordAsync(tx, request, AuditEventTypes.AccountRecoveryRequested, SecurityNotices.AccountRecoveryRequested(hours),
            WebhookEventTypes.AccountRecoveryRequested, client.Ip, now, links, ct);
        return request;
    }

    /// <summary>A request as its holder (who got its id at step 2) may see it.</summary>
    public async Task<Result<AccountRecoveryRequest>> GetAsync(string recoveryId, CancellationToken ct)
    {
        if (!LooksLikeId(recoveryId))
        {
            return NotFound();
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.AccountRecoveries.GetAsync(recoveryId, ct) is { } request ? request : NotFound();
    }

    /// <summary>The owner, signed in on a device they still have, stops the pending request: nothing is removed.</summary>
    public async Task<Result<AccountRecoveryRequest>> CancelAsync(long userId, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.AccountRecoveries.FindPendingAsync(userId, ct) is not { } pending)
        {
            return NotFound();
        }

        return await CancelAsync(tx, pending, client, ct);
    }

    private async Task<Result<AccountRecoveryRequest>> CancelAsync(IStoreSession tx, AccountRecoveryRequest pending, ClientContext client, CancellationToken ct)
    {
        if (await AccountRecoveryEvents.CancelAsync(tx, pending, client.Ip, time.GetUtcNow(), ct) is not { } canceled)
        {
            return NotFound();
        }

        await tx.CommitAsync(ct);
        return canceled;
    }

    private async Task<Error?> RefusalAsync(IStoreSession tx, long userId, CancellationToken ct)
    {
        if (!(await secondFactors.StatusAsync(tx, userId, ct)).Any)
        {
            return new Error(ErrorCodes.TwoFactorNotEnabled, "This account has no second factor to recover from; sign in with the password and the code.");
        }

        return await tx.AccountRecoveries.FindPendingAsync(userId, ct) is not null ? PendingAlready() : null;
    }

    private static bool LooksLikeId(string id) => id.Length <= 64 && id.StartsWith("rec_", StringComparison.Ordinal);

    private static Error PendingAlready() =>
        new(ErrorCodes.AccountRecoveryPending, "A recovery of this account is already waiting; every verified contact was told when it ends.");

    private static Error NotFound() => new(ErrorCodes.AccountRecoveryNotFound, "No pending account recovery with this id.");
}
