using System.Data.Common;
using System.Text;
using Verigate.Core.Attempts;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Storage.Accounts;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Attempts;

internal sealed class SqlAttemptStore(SqlSession s) : IAttemptStore
{
    public Task<IReadOnlyList<Attempt>> ListAsync(AttemptFilter filter, (DateTimeOffset CreatedAt, string Id)? before, int limit, CancellationToken ct)
    {
        var sql = new StringBuilder("SELECT id, channel, destination, country, status, created_at, expires_at, sends_used, attempts_used, service_sid FROM challenges WHERE ");
        sql.Append(Where(filter));
        if (before is not null)
        {
            sql.Append(" AND (created_at < @beforeAt OR (created_at = @beforeAt AND id < @beforeId))");
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        var command = Bind(s.Command(sql.ToString()), filter).With("@limit", limit);
        if (before is { } position)
        {
            command.With("@beforeAt", DbTime.Of(position.CreatedAt)).With("@beforeId", position.Id);
        }

        return command.ListAsync(Map, ct);
    }

    public async Task<AttemptSummary> SummarizeAsync(AttemptFilter filter, CancellationToken ct)
    {
        var command = Bind(s.Command(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END), 0) FROM challenges WHERE " + Where(filter)), filter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new AttemptSummary(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    // Only Verify API challenges of the calling key; the optional filters add fixed SQL text, values go in parameters.
    private static string Where(AttemptFilter f) =>
        "subject_kind = 'api_key' AND subject_id = @key AND purpose = 'verify_api' AND created_at >= @from AND created_at < @to"
        + (f.Channel is null ? "" : " AND channel = @channel")
        + (f.Country is null ? "" : " AND country = @country")
        + (f.Prefix is null ? "" : " AND channel = 'sms' AND substr(destination, 1, @prefixLength) = @prefix");

    private static DbCommand Bind(DbCommand command, AttemptFilter f)
    {
        command.With("@key", f.ApiKeyId).With("@from", DbTime.Of(f.From)).With("@to", DbTime.Of(f.To));
        if (f.Channel is { } channel)
        {
            command.With("@channel", channel.ToWire());
        }

        if (f.Country is not null)
        {
            command.With("@country", f.Country);
        }

        if (f.Prefix is not null)
        {
            command.With("@prefix", f.Prefix).With("@prefixLength", f.Prefix.Length);
        }

        return command;
    }

    private static Attempt Map(DbDataReader r) => new(
        r.GetString(0),
        new Destination(SqlAccountStore.ParseChannel(r.GetString(1)), r.GetString(2)),
        r.NullableString(3),
        ChallengeNames.ParseStatus(r.GetString(4)),
        r.Time(5),
        r.Time(6),
        r.GetInt32(7),
        r.GetInt32(8),
        r.NullableString(9));
}
