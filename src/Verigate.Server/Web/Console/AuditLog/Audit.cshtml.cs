using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Verigate.Core.Audit;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Web.Console.AuditLog;

/// <summary>
/// The audit log for staff: filtered, newest first, a page at a time, and as CSV. Agents see events about accounts;
/// admins also see what staff did (sign-ins, actions, key and staff management) and may filter by staff member.
/// </summary>
public sealed class AuditModel(IStringLocalizer<Text> text, AuditSearch search) : ConsolePageModel(text)
{
    public AuditFilter Filter { get; private set; } = new(null, null, null, null, null);

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool CanSeeStaff => IsAdmin;

    /// <summary>The event types to filter by: an agent is not offered the staff ones (they would match nothing).</summary>
    public IEnumerable<string> Types => CanSeeStaff ? AuditFilter.Types : AuditFilter.Types.Where(t => !t.StartsWith(StaffTypePrefix, StringComparison.Ordinal));

    private const string StaffTypePrefix = "staff.";

    public async Task<IActionResult> OnGetAsync(string? account, string? staff, string? type, string? from, string? to, string? cursor, CancellationToken ct)
    {
        var query = await QueryAsync(account, staff, type, from, to, ct);
        if (query is null)
        {
            return Page();
        }

        var page = await search.PageAsync(query, cursor, ct);
        if (!page.IsSuccess)
        {
            // A hand-edited cursor: the newest page of the same filters instead of an error.
            return LocalRedirect("/console/audit?" + Filter.Query());
        }

        (Records, NextCursor) = (page.Value.Records, page.Value.NextCursor);
        return Page();
    }

    /// <summary>The matching events as CSV (at most <see cref="AuditSearch.ExportLimit"/>, newest first).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? account, string? staff, string? type, string? from, string? to, CancellationToken ct)
    {
        var query = await QueryAsync(account, staff, type, from, to, ct);
        if (query is null)
        {
            return Page();
        }

        var csv = AuditCsv.Write(await search.ExportAsync(query, ct));
        return File(Encoding.UTF8.GetBytes(csv), AuditCsv.ContentType, "audit-log.csv");
    }

    /// <summary>The query for the filters; null (with the error to show) when one is malformed.</summary>
    private async Task<AuditQuery?> QueryAsync(string? account, string? staff, string? type, string? from, string? to, CancellationToken ct)
    {
        // Only admins filter by staff member; an agent's request naming one is read without it (they see no staff events).
        Filter = new AuditFilter(account?.Trim(), CanSeeStaff ? staff?.Trim() : null, type, from, to);
        if (Filter.Invalid() is { } field)
        {
            ErrorMessage = Text["auditlog.invalid." + field];
            return null;
        }

        long? userId = null;
        if (!string.IsNullOrEmpty(Filter.Account))
        {
            // An account nobody has matches no event: -1 is never a user id.
            userId = await search.FindAccountAsync(Filter.Account, ct) ?? -1;
        }

        return Filter.ToQuery(userId, CanSeeStaff);
    }
}
