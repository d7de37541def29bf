using Verigate.Core.Storage;

namespace Verigate.Storage.Sql;

internal sealed class SqlCodeEntryLockStore(SqlSession s) : ICodeEntryLockStore
{
    public async Task<DateTimeOffset?> LockedUntilAsync(string key, CancellationToken ct) =>
        await s.Command("SELECT locked_until FROM code_entry_locks WHERE key = @key").With("@key", key).Int64OrNullAsync(ct) is { } until
            ? DbTime.From(until)
            : null;

    public async Task<int> AddFailureAsync(string key, CancellationToken ct) =>
        (int)(await s.Command(
                "INSERT INTO code_entry_locks (key, failures) VALUES (@key, 1) " +
                "ON CONFLICT (key) DO UPDATE SET failures = code_entry_locks.failures + 1 RETURNING failures")
            .With("@key", key).Int64OrNullAsync(ct) ?? 0);

    public Task LockAsync(string key, DateTimeOffset until, CancellationToken ct) =>
        s.Command("UPDATE code_entry_locks SET locked_until = @until WHERE key = @key").With("@until", DbTime.Of(until)).With("@key", key).ExecuteNonQueryAsync(ct);

    public Task ClearAsync(string key, CancellationToken ct) =>
        s.Command("DELETE FROM code_entry_locks WHERE key = @key").With("@key", key).ExecuteNonQueryAsync(ct);
}
