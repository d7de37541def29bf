using Verigate.Core.Storage;

namespace Verigate.Storage.Sql;

internal sealed class SqlSettingsStore(SqlSession s) : ISettingsStore
{
    public Task<string?> GetAsync(string name, CancellationToken ct) =>
        s.Command("SELECT value FROM settings WHERE name = @name").With("@name", name).FirstOrDefaultAsync(r => r.GetString(0), ct);

    public async Task<string> GetOrAddAsync(string name, string value, CancellationToken ct)
    {
        await s.Command("INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT DO NOTHING").With("@name", name).With("@value", value).ExecuteNonQueryAsync(ct);
        return await GetAsync(name, ct) ?? value;
    }
}
