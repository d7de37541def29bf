using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Audit;

/// <summary>
/// Reads the audit log for the console's viewer: filtered pages, newest first, and exports of up to
/// <see cref="ExportLimit"/> events. Who may see staff events is the caller's to decide (<see cref="AuditQuery.StaffEvents"/>).
/// </summary>
public sealed class AuditSearch(IStore store)
{
    public const int PageSize = 50, ExportLimit = 10_000;

    public async Task<Result<AuditPage>> PageAsync(AuditQuery query, string? cursor, CancellationToken ct)
    {
        var before = AuditCursor.Parse(cursor);
        if (!before.IsSuccess)
        {
            return before.Error;
        }

        await using var read = await store.OpenReadAsync(ct);
        var records = await read.Audit.SearchAsync(query, before.Value, PageSize + 1, ct);
        var next = records.Count > PageSize ? AuditCursor.Of(records[PageSize - 1].Id) : null;
        return new AuditPage(records.Take(PageSize).ToList(), next);
    }

    /// <summary>The user id an account filter names: a user id as it is, else the account with that username; null when none has it.</summary>
    public async Task<long?> FindAccountAsync(string userIdOrUsername, CancellationToken ct)
    {
        if (long.TryParse(userIdOrUsername, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var userId))
        {
            return userId;
        }

        await using var read = await store.OpenReadAsync(ct);
        return (await read.Accounts.FindByUsernameAsync(userIdOrUsername, ct))?.UserId;
    }

    /// <summary>The newest <see cref="ExportLimit"/> events that match, newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ExportAsync(AuditQuery query, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        return await read.Audit.SearchAsync(query, null, ExportLimit, ct);
    }
}
