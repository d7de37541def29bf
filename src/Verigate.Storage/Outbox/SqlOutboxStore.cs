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

    private const string Insert =
        "INSERT INTO outbox (kind, challenge_id, channel, destination, template, locale, state, attempts, next_attempt_at, created_at, link_id, notice_values) " +
        "VALUES (@kind, @challenge, @channel, @destination, @template, @locale, 'pending', 0, @at, @at, @link, @values) RETURNING id";

    // The insert with its parameters named apart from the timeline entry's (both describe a destination).
    private static readonly string InsertBesideTimeline = Insert.Replace("@", "@o_", StringComparison.Ordinal);

    public async Task<long> EnqueueAsync(OutboxMessage m, CancellationToken ct)
    {
        var command = s.Command(Insert);
        foreach (var (name, value) in Parameters(m))
        {
            command.With(name, value);
        }

        var id = await command.Int64OrNullAsync(ct);
        s.WroteOutbox = true;
        return id ?? throw new InvalidOperationException("The outbox insert returned no id.");
    }

    public async Task EnqueueTrackedAsync(OutboxMessage m, DeliveryEvent queued, CancellationToken ct)
    {
        if (!s.Dialect.HasWritingCtes)
        {
            await s.Deliveries.AppendAsync(queued with { OutboxId = await EnqueueAsync(m, ct) }, ct);
            return;
        }

        // One write: the message, and its timeline's first entry reading the new id from the message's CTE.
        var write = SqlDeliveryLog.AppendForNewOutbox(queued, InsertBesideTimeline);
        foreach (var (name, value) in Parameters(m))
        {
            write.With("@o_" + name[1..], value);
        }

        await s.WriteAsync(write, ct);
        s.WroteOutbox = true;
    }

    private static IEnumerable<(string Name, object? Value)> Parameters(OutboxMessage m) =>
    [
        ("@kind", KindName(m.Kind)), ("@challenge", m.ChallengeId), ("@channel", m.Destination.Channel.ToWire()),
        ("@destination", m.Destination.Value), ("@template", m.Template), ("@locale", m.Locale), ("@at", DbTime.Of(m.CreatedAt)), ("@link", m.LinkId),
        ("@values", m.Values is null ? null : JsonSerializer.Serialize(m.Values, NoticeValuesJson.Default.IReadOnlyDictionaryStringString)),
    ];

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct)
    {
        var sql = "UPDATE outbox SET owner = @owner, lease_until = @lease, attempts = attempts + 1 WHERE id IN (" +
                  "SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) " +
                  $"ORDER BY next_attempt_at, id LIMIT @max{s.Dialect.SkipLocked}) RETURNING {Columns}";
        // A lease is one statement and needs no transaction: where the store can, it commits on its own.
        return (s.CommandOnItsOwn(sql) ?? s.Command(sql))
            .With("@owner", owner).With("@lease", DbTime.Of(leaseUntil)).With("@now", DbTime.Of(now)).With("@max", max)
            .ListAsync(Map, ct);
    }

    public Task CompleteAsync(long id, string owner, OutboxState state, string? detail, DateTimeOffset at, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite("UPDATE outbox SET state = @state, detail = @detail, finished_at = @at, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@state", StateName(state)).With("@detail", detail).With("@at", DbTime.Of(at)).With("@id", id).With("@owner", owner), ct);

    public Task ScheduleRetryAsync(long id, string owner, DateTimeOffset nextAttemptAt, string detail, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite("UPDATE outbox SET next_attempt_at = @next, detail = @detail, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@next", DbTime.Of(nextAttemptAt)).With("@detail", detail).With("@id", id).With("@owner", owner), ct);

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
