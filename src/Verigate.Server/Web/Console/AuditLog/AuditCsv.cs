using System.Globalization;
using System.Text;
using Verigate.Core.Audit;

namespace Verigate.Server.Web.Console.AuditLog;

/// <summary>
/// Audit events as CSV (RFC 4180: comma-separated, CRLF, fields quoted when they hold a comma, quote or line break,
/// quotes doubled). A cell a spreadsheet would read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return) gets a leading apostrophe: audit text partly comes from callers (a device name, a
/// username), and opening an export must not run it (OWASP "CSV injection").
/// </summary>
public static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header = ["id", "at", "type", "user_id", "challenge_id", "actor", "client_ip", "detail"];

    public static string Write(IEnumerable<AuditRecord> records)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var (id, e) in records)
        {
            Line(csv, [
                id.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), e.Type,
                e.UserId?.ToString(CultureInfo.InvariantCulture), e.ChallengeId, e.Actor, e.ClientIp, e.Detail,
            ]);
        }

        return csv.ToString();
    }

    /// <summary>One cell, neutralised and quoted as needed.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void Line(StringBuilder csv, IEnumerable<string?> cells) => csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
}
