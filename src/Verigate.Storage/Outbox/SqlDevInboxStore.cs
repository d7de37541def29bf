using Verigate.Core.Outbox;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Outbox;

internal sealed class SqlDevInboxStore(SqlSession s) : IDevInboxStore
{
    private const string Columns = "id, outbox_id, channel, destination, subject, body, created_at";

    public Task DeliverAsync(DevMessage m, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite("INSERT INTO dev_messages (outbox_id, channel, destination, subject, body, created_at) VALUES (@outbox, @channel, @to, @subject, @body, @at) " +
                  "ON CONFLICT (outbox_id) DO NOTHING")
            .With("@outbox", m.OutboxId).With("@channel", m.Channel).With("@to", m.To).With("@subject", m.Subject).With("@body", m.Body)
            .With("@at", DbTime.Of(m.CreatedAt)), ct);

    public Task<IReadOnlyList<DevMessage>> ListAsync(string? to, int max, CancellationToken ct) =>
        (to is null
            ? s.Command($"SELECT {Columns} FROM dev_messages ORDER BY id DESC LIMIT @max")
            : s.Command($"SELECT {Columns} FROM dev_messages WHERE destination = @to ORDER BY id DESC LIMIT @max").With("@to", to))
        .With("@max", max)
        .ListAsync(r => new DevMessage(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.Time(6)), ct);
}
