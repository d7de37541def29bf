using System.Globalization;
using Verigate.Core.Audit;

namespace Verigate.Server.Web.Console.AuditLog;

/// <summary>
/// The audit viewer's filters as the form sends them (query string), and their parsing: times are UTC
/// (<c>yyyy-MM-ddTHH:mm</c>, what a datetime-local field sends), the staff member is a name, the account a user id
/// or username. What does not parse is named, never guessed.
/// </summary>
public sealed record AuditFilter(string? Account, string? Staff, string? Type, string? From, string? To)
{
    public const int MaxLength = 64;

    /// <summary>The event types to choose from: every constant of <see cref="AuditEventTypes"/>.</summary>
    public static readonly IReadOnlyList<string> Types = typeof(AuditEventTypes).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The query string of these filters (for paging and export links).</summary>
    public string Query(string? cursor = null)
    {
        var parts = new (string Name, string? Value)[] { ("account", Account), ("staff", Staff), ("type", Type), ("from", From), ("to", To), ("cursor", cursor) };
        return string.Join('&', parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
    }

    /// <summary>The field that is wrong (its name), or null when every filter is well formed.</summary>
    public string? Invalid()
    {
        foreach (var (name, value) in new[] { ("account", Account), ("staff", Staff), ("type", Type), ("from", From), ("to", To) })
        {
            if (value is { Length: > MaxLength } || (value is not null && value.Any(char.IsControl)))
            {
                return name;
            }
        }

        if (Type is { Length: > 0 } type && !Types.Contains(type, StringComparer.Ordinal))
        {
            return "type";
        }

        return !TryTime(From, out _) ? "from" : !TryTime(To, out _) ? "to" : null;
    }

    /// <summary>The store's query for well-formed filters; <paramref name="userId"/> is the account already looked up.</summary>
    public AuditQuery ToQuery(long? userId, bool staffEvents)
    {
        TryTime(From, out var from);
        TryTime(To, out var to);
        return new AuditQuery(userId, string.IsNullOrEmpty(Staff) ? null : AuditQuery.StaffActorPrefix + Staff.Trim(),
            string.IsNullOrEmpty(Type) ? null : Type, from, to, staffEvents);
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        return false;
    }
}
