using System.Globalization;
using Verigate.Core.Audit;
using Verigate.Core.Identifiers;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Staff;

/// <summary>
/// Creates, finds, lists and disables staff members. Nobody chooses a staff member's password for them: creating
/// one (or renewing their setup) gives a single-use setup link, valid <see cref="ConsoleOptions.SetupLinkLifetime"/>,
/// where the person sets their own password and enrols an authenticator app; only the link token's hash is kept.
/// </summary>
public sealed class StaffDirectory(IStore store, SnowflakeIdGenerator ids, ConsoleOptions options, TimeProvider time)
{
    public const int MinNameLength = 2;
    public const int MaxNameLength = 64;

    /// <summary>The key names are unique on: case does not make a second person.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    public static bool IsValidName(string? name) =>
        name is { Length: >= MinNameLength and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A new staff member and their setup link; <paramref name="actor"/> (<c>cli</c>, or an admin's <see cref="StaffMember.Actor"/>) is audited.</summary>
    public async Task<Result<StaffSetupLink>> CreateAsync(string name, StaffRole role, string actor, CancellationToken ct)
    {
        if (!IsValidName(name?.Trim()))
        {
            return new Error(ErrorCodes.InvalidStaffName, $"A staff name has {MinNameLength} to {MaxNameLength} letters, digits, '-', '_' or '.'.", "name");
        }

        var now = time.GetUtcNow();
        var staff = new StaffMember(ids.Next(), Normalize(name!), role, now);
        var token = SecureTokens.Create(StaffSetupLink.TokenPrefix);
        var expiresAt = now + options.SetupLinkLifetime;
        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.Staff.TryInsertAsync(staff, ct))
        {
            return new Error(ErrorCodes.StaffNameTaken, $"A staff member named '{staff.Name}' exists already.", "name");
        }

        await tx.Staff.SetSetupTokenAsync(staff.Id, SecureTokens.Hash(token), expiresAt, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffCreated, Actor: actor, Detail: $"staff={staff.Name} role={role.ToWire()}"), ct);
        await tx.CommitAsync(ct);
        return new StaffSetupLink(staff, token, expiresAt);
    }

    /// <summary>A new setup link for an enabled staff member (lost phone, forgotten password); it ends their sessions and the old link.</summary>
    public async Task<Result<StaffSetupLink>> RenewSetupAsync(string name, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = SecureTokens.Create(StaffSetupLink.TokenPrefix);
        var expiresAt = now + options.SetupLinkLifetime;
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.Staff.FindByNameAsync(Normalize(name), ct) is not { IsDisabled: false } staff)
        {
            return NotFound(name);
        }

        await tx.Staff.SetSetupTokenAsync(staff.Id, SecureTokens.Hash(token), expiresAt, ct);
        await tx.Staff.EndSessionsAsync(staff.Id, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffSetupRenewed, Actor: actor, Detail: $"staff={staff.Name}"), ct);
        await tx.CommitAsync(ct);
        return new StaffSetupLink(staff, token, expiresAt);
    }

    public async Task<StaffMember?> FindAsync(string name, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Staff.FindByNameAsync(Normalize(name), ct);
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Staff.ListAsync(ct);
    }

    /// <summary>Disables a staff member: they can no longer sign in, and their open sessions end at once.</summary>
    public async Task<Result<StaffMember>> DisableAsync(string name, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.Staff.FindByNameAsync(Normalize(name), ct) is not { } staff || !await tx.Staff.DisableAsync(staff.Id, now, ct))
        {
            return NotFound(name);
        }

        var ended = await tx.Staff.EndSessionsAsync(staff.Id, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.StaffDisabled, Actor: actor,
            Detail: string.Create(CultureInfo.InvariantCulture, $"staff={staff.Name} sessions_ended={ended}")), ct);
        await tx.CommitAsync(ct);
        return staff with { DisabledAt = now };
    }

    private static Error NotFound(string name) => new(ErrorCodes.StaffNotFound, $"No enabled staff member is named '{Normalize(name)}'.", "name");
}
