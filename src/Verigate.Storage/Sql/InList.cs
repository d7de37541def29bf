using System.Collections.Concurrent;
using System.Data.Common;

namespace Verigate.Storage.Sql;

/// <summary>
/// Reads of rows by a list of keys (<c>WHERE id IN (@k0, @k1, …)</c>): one SQL text per query and list length (at most a
/// dispatcher batch), so the statements stay prepared and cached.
/// </summary>
internal static class InList
{
    private static readonly ConcurrentDictionary<(string Sql, int Count), string> Texts = new();

    /// <summary>
    /// A command for <paramref name="sqlWithList"/>, whose <c>{0}</c> stands for the list, bound to <paramref name="keys"/>;
    /// null for an empty list (nothing to read).
    /// </summary>
    public static DbCommand? Command(SqlSession s, string sqlWithList, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        var command = s.Command(Texts.GetOrAdd((sqlWithList, keys.Count), shape =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, shape.Sql, string.Join(", ", Enumerable.Range(0, shape.Count).Select(i => $"@k{i}")))));
        for (var i = 0; i < keys.Count; i++)
        {
            command.With($"@k{i}", keys[i]);
        }

        return command;
    }
}
