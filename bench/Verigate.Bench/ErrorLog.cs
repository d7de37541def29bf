using System.Collections.Concurrent;

namespace Verigate.Bench;

/// <summary>Keeps the first few distinct failures so a broken run explains itself without flooding the output.</summary>
internal sealed class ErrorLog
{
    private const int MaxKept = 8;

    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    public void Add(string what)
    {
        if (_seen.Count < MaxKept || _seen.ContainsKey(what))
        {
            _seen.AddOrUpdate(what, 1, (_, n) => n + 1);
        }
    }

    public IEnumerable<string> Lines => _seen.OrderByDescending(e => e.Value).Select(e => $"{e.Value,8} × {e.Key}");
}
