using System.Data.Common;
using Verigate.Core.VerifyServices;
using Verigate.Storage.Sql;

namespace Verigate.Storage.VerifyServices;

internal sealed class SqlVerifyServiceStore(SqlSession s) : IVerifyServiceStore
{
    private const string Columns = "sid, name, friendly_name, code_length, locale, created_at";

    public async Task<bool> TryInsertAsync(VerifyService v, CancellationToken ct) =>
        await s.Command($"INSERT INTO verify_services ({Columns}) VALUES (@sid, @name, @friendly, @length, @locale, @at) ON CONFLICT DO NOTHING")
            .With("@sid", v.Sid).With("@name", v.Name).With("@friendly", v.FriendlyName).With("@length", v.CodeLength)
            .With("@locale", v.Locale).With("@at", DbTime.Of(v.CreatedAt)).ExecuteNonQueryAsync(ct) == 1;

    public Task<VerifyService?> FindAsync(string sid, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM verify_services WHERE sid = @sid").With("@sid", sid).FirstOrDefaultAsync(Map, ct);

    public Task<IReadOnlyList<VerifyService>> ListAsync(CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM verify_services ORDER BY created_at, name").ListAsync(Map, ct);

    private static VerifyService Map(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.Time(5));
}
