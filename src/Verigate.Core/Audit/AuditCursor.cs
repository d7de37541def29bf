using System.Globalization;
using Verigate.Core.Results;

namespace Verigate.Core.Audit;

/// <summary>
/// The cursor of a page of audit events, opaque to callers: <c>ev_</c> and the id of the page's last event. It only
/// says where to continue; whichever query it is given to still binds its own filters.
/// </summary>
public static class AuditCursor
{
    private const string Prefix = "ev_";

    public static string Of(long id) => Prefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id to read before; null for no cursor; 400 <c>invalid_request</c> for anything we did not hand out.</summary>
    public static Result<long?> Parse(string? cursor)
    {
        if (cursor is null)
        {
            return Result<long?>.Success(null);
        }

        if (!cursor.StartsWith(Prefix, StringComparison.Ordinal) || cursor.Length > Prefix.Length + 19
            || !long.TryParse(cursor.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return Error.InvalidRequest("cursor", "'cursor' must be a value from a previous page's next link.");
        }

        return id;
    }
}
