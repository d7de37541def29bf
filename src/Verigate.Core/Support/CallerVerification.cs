using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Staff;
using Verigate.Core.Storage;
using Verigate.Core.SupportPins;

namespace Verigate.Core.Support;

/// <summary>
/// "Verify the caller": the agent types the support PIN the person reads from their security center. The PIN is
/// checked by <see cref="SupportPinService"/> (single use, five tries per PIN, each try audited); a right one marks
/// this caller verified for this agent and this account for <see cref="ConsoleOptions.CallerVerifiedFor"/>. An agent
/// may try at most <see cref="StaffBudgets.PinChecks"/> PINs an hour, whichever accounts they are for.
/// </summary>
public sealed class CallerVerification(IStore store, SupportPinService pins, StaffBudgets budgets, ConsoleOptions options, TimeProvider time)
{
    public async Task<Result<DateTimeOffset>> VerifyAsync(long userId, string? pin, long staffId, string staffActor, CancellationToken ct)
    {
        if (await budgets.ChargeAsync(StaffBudgets.PinChecks, staffId, ct) is { } limited)
        {
            return limited;
        }

        var digits = new string([.. (pin ?? string.Empty).Where(char.IsAsciiDigit)]);
        if (!await pins.VerifyAsync(userId, digits, staffActor, ct))
        {
            return new Error(ErrorCodes.SupportPinIncorrect, "That PIN does not match, or it expired or was used. Ask the caller to create a new one in their security center.", "pin");
        }

        var now = time.GetUtcNow();
        var until = now + options.CallerVerifiedFor;
        await using var tx = await store.BeginWriteAsync(ct);
        await tx.Support.SetCallerVerifiedAsync(staffId, userId, until, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SupportCallerVerified, userId, Actor: staffActor, Detail: $"until={until:O}"), ct);
        await tx.CommitAsync(ct);
        return until;
    }
}
