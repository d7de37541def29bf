using System.Globalization;
using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.ActivityLog;

/// <summary>
/// The signed-in person's security events from the audit log, newest first, in pages. The cursor is opaque to
/// callers (<c>ev_</c> and the id of the last event of the page); the query is always bound to the caller's own
/// account, so a cursor copied from someone else's page shows nothing of theirs.
/// </summary>
public sealed class AccountActivity(IStore store)
{
    public const int DefaultPageSize = 20, MaxPageSize = 100;

    public async Task<Result<ActivityPage>> ListAsync(long userId, string? cursor, int? limit, CancellationToken ct)
    {
        var before = AuditCursor.Parse(cursor);
        if (!before.IsSuccess)
        {
            return before.Error;
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return Error.InvalidRequest("limit", $"'limit' must be between 1 and {MaxPageSize}.");
        }

        var size = limit ?? DefaultPageSize;
        await using var read = await store.OpenReadAsync(ct);
        var records = await read.Audit.PageForUserAsync(userId, ActivityKinds.AuditTypes, before.Value, size + 1, ct);
        var devices = (await read.Devices.ListAsync(userId, ct)).ToDictionary(d => d.DeviceId, d => d.Name);
        var entries = records.Take(size).Select(r => Describe(r.Event, devices)).ToList();
        var next = records.Count > size ? AuditCursor.Of(records[size - 1].Id) : null;
        return new ActivityPage(entries, next);
    }

    private static ActivityEntry Describe(AuditEvent e, Dictionary<long, string> devices)
    {
        var (type, detail) = ActivityKinds.ByAuditType[e.Type];
        return new ActivityEntry(type, e.At, DeviceOf(e.Detail, devices), e.ClientIp, detail);
    }

    // Sign-ins record "device=<id>"; the name is the account's own device list's, never text from the audit row.
    private static string? DeviceOf(string? detail, Dictionary<long, string> devices) =>
        detail is not null && detail.StartsWith("device=", StringComparison.Ordinal)
        && long.TryParse(detail.AsSpan("device=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && devices.TryGetValue(id, out var name)
            ? name
            : null;
}
