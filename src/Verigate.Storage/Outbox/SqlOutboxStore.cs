using System.Data.Common;
using System.Text.Json;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Storage.Accounts;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Outbox;

internal sealed class SqlOutboxStore(SqlSession s) : IOutboxStore
{
    private const string Columns = "id, kind, challenge_id, channel, destination, template, locale, created_at, attempts, link_id, notice_values";

    public async Task<long> EnqueueAsync(OutboxMessage m, CancellationToken ct)
    {
        var id = await s.Command(
                "INSERT INTO outbox (kind, challenge_id, channel, destination, template, locale, state, attempts, next_attempt_at, created_at, link_id, notice_values) " +
                "VALUES (@kind, @challenge, @channel, @destination, @template, @locale, 'pending', 0, @at, @at, @link, @values) RETURNING id")
            .With("@kind", KindName(m.Kind)).With("@challenge", m.ChallengeId).With("@channel", m.Destination.Channel.ToWire())
            .With("@destination", m.Destination.Value).With("@template", m.Template).With("@locale", m.Locale).With("@at", DbTime.Of(m.CreatedAt)).With("@link", m.LinkId)
            .With("@values", m.Values is null ? null : JsonSerializer.Serialize(m.Values, NoticeValuesJson.Default.IReadOnlyDictionaryStringString))
            .Int64OrNullAsync(ct);
        s.WroteOutbox = true;
        return id ?? throw new InvalidOperationException("The outbox insert returned no id.");
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct) =>
        s.Command(
                "UPDATE outbox SET owner = @owner, lease_until = @lease, attempts = attempts + 1 WHERE id IN (" +
                "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) " +
                $"ORDER BY next_attempt_at, id LIMIT @max{s.Dialect.SkipLocked}) RETURNING {Columns}")
            .With("@owner", owner).With("@lease", DbTime.Of(leaseUntil)).With("@now", DbTime.Of(now)).With("@max", max)
            .ListAsync(Map, ct);

    public Task CompleteAsync(long id, string owner, OutboxState state, string? detail, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE outbox SET state = @state, detail = @detail, finished_at = @at, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@state", StateName(state)).With("@detail", detail).With("@at", DbTime.Of(at)).With("@id", id).With("@owner", owner)
            .ExecuteNonQueryAsync(ct);

    public Task ScheduleRetryAsync(long id, string owner, DateTimeOffset nextAttemptAt, string detail, CancellationToken ct) =>
        s.Command("UPDATE outbox SET next_attempt_at = @next, detail = @detail, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@next", DbTime.Of(nextAttemptAt)).With("@detail", detail).With("@id", id).With("@owner", owner).ExecuteNonQueryAsync(ct);

    public Task ReleaseAsync(string owner, CancellationToken ct) =>
        s.Command("UPDATE outbox SET owner = NULL, lease_until = NULL WHERE owner = @owner AND state = 'pending'").With("@owner", owner).ExecuteNonQueryAsync(ct);

    public async Task<int> CountPendingAsync(CancellationToken ct) =>
        (int)(await s.Command("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").Int64OrNullAsync(ct) ?? 0);

    private static string KindName(OutboxKind kind) => kind switch
    {
        OutboxKind.Code => "code",
        OutboxKind.Notice => "notice",
        OutboxKind.Decoy => "decoy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static OutboxKind ParseKind(string name) => name switch
    {
        "code" => OutboxKind.Code,
        "notice" => OutboxKind.Notice,
        "decoy" => OutboxKind.Decoy,
        _ => throw new FormatException($"Unknown outbox kind '{name}'."),
    };

    private static string StateName(OutboxState state) => state.ToString().ToLowerInvariant();

    private static OutboxMessage Map(DbDataReader r) => new(
        r.GetInt64(0), ParseKind(r.GetString(1)), r.NullableString(2),
        new Destination(SqlAccountStore.ParseChannel(r.GetString(3)), r.GetString(4)), r.GetString(5), r.GetString(6), r.Time(7), r.GetInt32(8), r.NullableString(9),
        r.NullableString(10) is { } values ? JsonSerializer.Deserialize(values, NoticeValuesJson.Default.IReadOnlyDictionaryStringString) : null);
}
