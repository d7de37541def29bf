using Verigate.Core.AccountRecovery;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Devices;
using Verigate.Core.Notices;
using Verigate.Core.PasswordReset;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Staff;
using Verigate.Core.Storage;

namespace Verigate.Core.Support;

/// <summary>
/// The console's actions on an account. Each needs a reason, and a caller this agent verified by support PIN (or an
/// admin); each is charged to the agent's hourly budget, audited with the agent (<c>support.action</c>, which the
/// person sees in their activity) and told to the person by a notice on every verified contact. The effect itself is
/// the existing service's (a resend is <see cref="AccountChallenges"/>'s, a reset is <see cref="PasswordResetFlow"/>'s,
/// sign-out is <see cref="AccountSessions"/>', …), with its own audit events and notices; only locking sign-in and
/// canceling a code are the console's own, done in the same transaction as their audit event and notice.
/// </summary>
public sealed class SupportActionService(
    IStore store,
    AccountChallenges challenges,
    PasswordResetFlow resets,
    AccountSessions sessions,
    AccountDevices devices,
    AccountRecoveryFlow recoveries,
    StaffBudgets budgets,
    TimeProvider time)
{
    public const int MinReasonLength = 5;
    public const int MaxReasonLength = 500;

    public async Task<Result<SupportAction>> ExecuteAsync(SupportActor staff, SupportActionRequest request, ClientContext client, CancellationToken ct)
    {
        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length is < MinReasonLength or > MaxReasonLength)
        {
            return new Error(ErrorCodes.SupportReasonRequired, $"Give a reason of {MinReasonLength} to {MaxReasonLength} characters.", "reason");
        }

        if (await budgets.ChargeAsync(StaffBudgets.SupportActions, staff.StaffId, ct) is { } limited)
        {
            return limited;
        }

        var now = time.GetUtcNow();
        await using (var read = await store.OpenReadAsync(ct))
        {
            if (await read.Accounts.GetAsync(request.UserId, ct) is null)
            {
                return Error.NotFound();
            }

            var verified = await read.Support.CallerVerifiedUntilAsync(staff.StaffId, request.UserId, ct) is { } until && until > now;
            if (!verified && !staff.IsAdmin)
            {
                return new Error(ErrorCodes.SupportCallerNotVerified, "Verify the caller with their support PIN first.");
            }

            if (request.Action is SupportAction.ResendCode or SupportAction.CancelCode
                && (request.ChallengeId is null || await read.Challenges.GetAsync(request.ChallengeId, ct) is not { Status: ChallengeStatus.Pending } pending
                    || pending.Subject != ChallengeSubject.ForAccount(request.UserId)))
            {
                return new Error(ErrorCodes.NotFound, "This account has no pending code with this id.", "challengeId");
            }
        }

        var effect = await ActAsync(request, client, now, ct);
        if (!effect.IsSuccess)
        {
            return effect.Error;
        }

        // The console's own record of the action, and the person's notice (the effect above told them its own news too).
        await using var tx = await store.BeginWriteAsync(ct);
        await RecordAsync(tx, staff, request, reason, effect.Value, now, ct);
        await tx.CommitAsync(ct);
        return request.Action;
    }

    /// <summary>Does the action; the detail returned goes into the audit event.</summary>
    private async Task<Result<string>> ActAsync(SupportActionRequest request, ClientContext client, DateTimeOffset now, CancellationToken ct)
    {
        var userId = request.UserId;
        switch (request.Action)
        {
            case SupportAction.ResendCode:
                var resent = await challenges.ResendAsync(request.ChallengeId!, request.Channel, client, ct);
                return resent.IsSuccess ? $"challenge={request.ChallengeId} channel={resent.Value.SentTo.Channel.ToString().ToLowerInvariant()}" : resent.Error;
            case SupportAction.StartPasswordReset:
                var username = await UsernameAsync(userId, ct);
                var reset = await resets.StartAsync(username, client, ct);
                return reset.IsSuccess ? "reset_started" : reset.Error;
            case SupportAction.SignOutEverywhere:
                return $"sessions_ended={await sessions.RevokeOthersAsync(userId, string.Empty, client, ct)}";
            case SupportAction.ForgetDevices:
                var forgotten = 0;
                foreach (var device in await devices.ListAsync(userId, 0, ct))
                {
                    if (device.RememberedUntil is not null && (await devices.ForgetAsync(userId, device.Device.DeviceId, client, ct)).IsSuccess)
                    {
                        forgotten++;
                    }
                }

                return $"devices_forgotten={forgotten}";
            case SupportAction.StartAccountRecovery:
                var opened = await recoveries.OpenForSupportAsync(userId, client, ct);
                return opened.IsSuccess ? $"recovery={opened.Value.Id} completes_at={opened.Value.CompletesAt:O}" : opened.Error;
            case SupportAction.CancelAccountRecovery:
                var canceled = await recoveries.CancelAsync(userId, client, ct);
                return canceled.IsSuccess ? "recovery=" + canceled.Value.Id : canceled.Error;
            default:
                return "own";
        }
    }

    private async Task RecordAsync(IStoreSession tx, SupportActor staff, SupportActionRequest request, string reason, string detail, DateTimeOffset now, CancellationToken ct)
    {
        switch (request.Action)
        {
            case SupportAction.LockSignIn:
                detail = await tx.Support.TryLockSignInAsync(request.UserId, now, staff.Actor, ct) ? "locked" : "already_locked";
                break;
            case SupportAction.UnlockSignIn:
                detail = await tx.Support.UnlockSignInAsync(request.UserId, ct) ? "unlocked" : "not_locked";
                break;
            case SupportAction.CancelCode:
                detail = $"challenge={request.ChallengeId} " +
                    (await tx.Challenges.TryEndAsync(request.ChallengeId!, ChallengeStatus.Canceled, now, ct) ? "canceled" : "already_ended");
                break;
        }

        var action = request.Action.ToWire();
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SupportActionTaken, request.UserId, ChallengeId: request.ChallengeId, Actor: staff.Actor,
            Detail: $"action={action} {detail} reason={reason.ReplaceLineEndings(" ")}"), ct);
        var locale = (await tx.Accounts.GetAsync(request.UserId, ct))?.Locale ?? "en";
        await SecurityNotices.QueueAsync(tx, request.UserId, SecurityNotices.SupportAction, null, locale, now, ct,
            new Dictionary<string, string> { [SupportNotices.ActionValue] = action });
    }

    private async Task<string> UsernameAsync(long userId, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return (await read.Accounts.GetAsync(userId, ct))!.Username;
    }
}
