namespace Verigate.Storage.Sql;

/// <summary>Instants are stored as Unix milliseconds: exact, sortable, and the same on every backend.</summary>
internal static class DbTime
{
    public static long Of(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long? Of(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    public static DateTimeOffset From(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
