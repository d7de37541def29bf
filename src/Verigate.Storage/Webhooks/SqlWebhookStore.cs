using System.Data.Common;
using Verigate.Core.Webhooks;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Webhooks;

internal sealed class SqlWebhookStore(SqlSession s) : IWebhookStore
{
    private const string EndpointColumns = "ep.id, ep.owner_key, ep.url, ep.secret, ep.previous_secret, ep.previous_until, ep.event_types, ep.created_at";
    private const string DeliveryColumns = "d.id, d.event_id, d.endpoint_id, d.subject, d.state, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.finished_at";
    private const string EventColumns = "ev.id, ev.type, ev.subject, ev.owner_key, ev.payload, ev.created_at";

    // An API key's events reach its own endpoints and the operator's; deployment-wide events reach every endpoint.
    // '' stands for "no owner" so PostgreSQL never sees an untyped NULL parameter.
    private const string Wanted =
        "(@ownerOrEmpty = '' OR ep.owner_key IS NULL OR ep.owner_key = @ownerOrEmpty) " +
        "AND (ep.event_types = '*' OR (',' || ep.event_types || ',') LIKE ('%,' || @type || ',%'))";

    // An event no endpoint wants is not stored: it would only wait for the maintenance job to delete it (on an
    // install without webhooks, three rows per verification).
    private const string InsertEvent =
        "INSERT INTO webhook_events (id, type, subject, owner_key, payload, created_at) SELECT @id, @type, @subject, @owner, @payload, @at " +
        "WHERE EXISTS (SELECT 1 FROM webhook_endpoints ep WHERE " + Wanted + ")";

    private const string InsertDeliveries =
        "INSERT INTO webhook_deliveries (event_id, endpoint_id, subject, state, attempts, next_attempt_at, created_at) " +
        "SELECT @id, ep.id, @subject, 'pending', 0, @at, @at FROM webhook_endpoints ep WHERE " + Wanted;

    public async Task PublishAsync(WebhookEvent e, CancellationToken ct)
    {
        if (s.Dialect.HasWritingCtes)
        {
            // PostgreSQL: the event and its deliveries in one write; both see the endpoints in the statement's one snapshot.
            var write = new DeferredWrite(InsertDeliveries, ("new_event", InsertEvent + " RETURNING id"));
            foreach (var (name, value) in EventParameters(e))
            {
                write.With(name, value);
            }

            await s.WriteAsync(write, ct);
            return;
        }

        if (await WithEvent(s.Command(InsertEvent), e).ExecuteNonQueryAsync(ct) == 0)
        {
            return; // nobody wants it: no deliveries either
        }

        await WithEvent(s.Command(InsertDeliveries), e).ExecuteNonQueryAsync(ct);
    }

    private static DbCommand WithEvent(DbCommand command, WebhookEvent e)
    {
        foreach (var (name, value) in EventParameters(e))
        {
            command.With(name, value);
        }

        return command;
    }

    private static IEnumerable<(string Name, object? Value)> EventParameters(WebhookEvent e) =>
    [
        ("@id", e.Id), ("@type", e.Type), ("@subject", e.Subject), ("@owner", e.OwnerKey),
        ("@ownerOrEmpty", e.OwnerKey ?? string.Empty), ("@payload", e.Payload), ("@at", DbTime.Of(e.CreatedAt)),
    ];

    public Task AddEndpointAsync(WebhookEndpoint ep, CancellationToken ct) =>
        s.Command("INSERT INTO webhook_endpoints (id, owner_key, url, secret, event_types, created_at) VALUES (@id, @owner, @url, @secret, @types, @at)")
            .With("@id", ep.Id).With("@owner", ep.OwnerKey).With("@url", ep.Url).With("@secret", ep.ProtectedSecret)
            .With("@types", EventTypesText(ep.EventTypes)).With("@at", DbTime.Of(ep.CreatedAt)).ExecuteNonQueryAsync(ct);

    public Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(string? ownerKey, CancellationToken ct) =>
        s.Command($"SELECT {EndpointColumns} FROM webhook_endpoints ep WHERE @owner = '' OR ep.owner_key = @owner ORDER BY ep.created_at, ep.id")
            .With("@owner", ownerKey ?? string.Empty).ListAsync(r => MapEndpoint(r, 0), ct);

    public Task<WebhookEndpoint?> GetEndpointAsync(string id, CancellationToken ct) =>
        s.Command($"SELECT {EndpointColumns} FROM webhook_endpoints ep WHERE ep.id = @id").With("@id", id).FirstOrDefaultAsync(r => MapEndpoint(r, 0), ct);

    public async Task<bool> RotateSecretAsync(string id, string protectedSecret, DateTimeOffset previousUntil, CancellationToken ct) =>
        await s.Command("UPDATE webhook_endpoints SET previous_secret = secret, previous_until = @until, secret = @secret WHERE id = @id")
            .With("@until", DbTime.Of(previousUntil)).With("@secret", protectedSecret).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    public async Task<bool> RemoveEndpointAsync(string id, CancellationToken ct)
    {
        await s.Command("DELETE FROM webhook_deliveries WHERE endpoint_id = @id").With("@id", id).ExecuteNonQueryAsync(ct);
        return await s.Command("DELETE FROM webhook_endpoints WHERE id = @id").With("@id", id).ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<IReadOnlyList<ClaimedWebhook>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct)
    {
        var sql = "UPDATE webhook_deliveries SET owner = @owner, lease_until = @lease, attempts = attempts + 1 WHERE id IN (" +
                  "SELECT d.id FROM webhook_deliveries d WHERE d.state = 'pending' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until < @now) " +
                  "AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = d.endpoint_id AND e.subject = d.subject AND e.state = 'pending' AND e.id < d.id) " +
                  $"ORDER BY d.id LIMIT @max{s.Dialect.SkipLocked}) RETURNING id";
        // A lease is one statement and needs no transaction: where the store can, it commits on its own (an idle
        // poll is then one statement, not three).
        var claimed = await (s.CommandOnItsOwn(sql) ?? s.Command(sql))
            .With("@owner", owner).With("@lease", DbTime.Of(leaseUntil)).With("@now", DbTime.Of(now)).With("@max", max)
            .ListAsync(r => r.GetInt64(0), ct);
        if (claimed.Count == 0)
        {
            return [];
        }

        var ids = string.Join(", ", claimed);
        return await s.Command(
                $"SELECT {DeliveryColumns}, {EventColumns}, {EndpointColumns} FROM webhook_deliveries d " +
                $"JOIN webhook_events ev ON ev.id = d.event_id JOIN webhook_endpoints ep ON ep.id = d.endpoint_id WHERE d.id IN ({ids}) ORDER BY d.id")
            .ListAsync(r => new ClaimedWebhook(MapDelivery(r), MapEvent(r, 10), MapEndpoint(r, 16)), ct);
    }

    public Task MarkDeliveredAsync(long id, string owner, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE webhook_deliveries SET state = 'delivered', finished_at = @at, last_error = NULL, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@at", DbTime.Of(at)).With("@id", id).With("@owner", owner).ExecuteNonQueryAsync(ct);

    public Task ScheduleRetryAsync(long id, string owner, DateTimeOffset next, string error, CancellationToken ct) =>
        s.Command("UPDATE webhook_deliveries SET next_attempt_at = @next, last_error = @error, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@next", DbTime.Of(next)).With("@error", error).With("@id", id).With("@owner", owner).ExecuteNonQueryAsync(ct);

    public Task MarkDeadAsync(long id, string owner, DateTimeOffset at, string error, CancellationToken ct) =>
        s.Command("UPDATE webhook_deliveries SET state = 'dead', finished_at = @at, last_error = @error, owner = NULL, lease_until = NULL WHERE id = @id AND owner = @owner")
            .With("@at", DbTime.Of(at)).With("@error", error).With("@id", id).With("@owner", owner).ExecuteNonQueryAsync(ct);

    public Task ReleaseAsync(string owner, CancellationToken ct) =>
        s.Command("UPDATE webhook_deliveries SET owner = NULL, lease_until = NULL WHERE owner = @owner AND state = 'pending'")
            .With("@owner", owner).ExecuteNonQueryAsync(ct);

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string endpointId, string? state, int max, CancellationToken ct) =>
        s.Command($"SELECT {DeliveryColumns} FROM webhook_deliveries d WHERE d.endpoint_id = @endpoint AND (@state = '' OR d.state = @state) ORDER BY d.id DESC LIMIT @max")
            .With("@endpoint", endpointId).With("@state", state ?? string.Empty).With("@max", max).ListAsync(MapDelivery, ct);

    public Task<int> ReplayAsync(string endpointId, long? deliveryId, DateTimeOffset now, CancellationToken ct) =>
        s.Command("UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = @now, finished_at = NULL " +
                  "WHERE endpoint_id = @endpoint AND state = 'dead' AND (@delivery = 0 OR id = @delivery)")
            .With("@now", DbTime.Of(now)).With("@endpoint", endpointId).With("@delivery", deliveryId ?? 0L).ExecuteNonQueryAsync(ct);

    private static string EventTypesText(IReadOnlyList<string> types) => types.Count == 0 ? "*" : string.Join(",", types);

    private static WebhookDelivery MapDelivery(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (int)Convert.ToInt64(r.GetValue(5)),
        r.Time(6), r.NullableString(7), r.Time(8), r.NullableTime(9));

    private static WebhookEvent MapEvent(DbDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.NullableString(o + 3), r.GetString(o + 4), r.Time(o + 5));

    private static WebhookEndpoint MapEndpoint(DbDataReader r, int o)
    {
        var types = r.GetString(o + 6);
        return new(r.GetString(o), r.NullableString(o + 1), r.GetString(o + 2), r.GetString(o + 3), r.NullableString(o + 4), r.NullableTime(o + 5),
            types == "*" ? [] : types.Split(',', StringSplitOptions.RemoveEmptyEntries), r.Time(o + 7));
    }
}
