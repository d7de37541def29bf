using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Storage.Accounts;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Outbox;

internal sealed class SqlDeliveryLog(SqlSession s) : IDeliveryLog
{
    private const string Columns = "challenge_id, outbox_id, channel, destination, status, at, detail, provider_id, provider_reason, provider";

    public Task AppendAsync(DeliveryEvent d, CancellationToken ct) =>
        s.WriteAsync(Bind(new DeferredWrite(
            $"INSERT INTO deliveries ({Columns}) VALUES (@challenge, @outbox, @channel, @destination, @status, @at, @detail, @providerId, @providerReason, @provider)"), d), ct);

    /// <summary>The name of the CTE that inserts the message whose timeline <see cref="AppendForNewOutbox"/> opens.</summary>
    internal const string NewOutbox = "new_outbox";

    private const string AppendFromNewOutbox =
        $"INSERT INTO deliveries ({Columns}) SELECT @challenge, id, @channel, @destination, @status, @at, @detail, @providerId, @providerReason, @provider FROM {NewOutbox}";

    /// <summary>
    /// The first entry of a message's timeline, written with the message itself (<see cref="SqlOutboxStore.EnqueueTrackedAsync"/>):
    /// its outbox id comes from <paramref name="outboxInsert"/>, the CTE named <see cref="NewOutbox"/>.
    /// </summary>
    internal static DeferredWrite AppendForNewOutbox(DeliveryEvent d, string outboxInsert) =>
        Bind(new DeferredWrite(AppendFromNewOutbox, (NewOutbox, outboxInsert)), d, withOutbox: false);

    private static DeferredWrite Bind(DeferredWrite w, DeliveryEvent d, bool withOutbox = true)
    {
        w.With("@challenge", d.ChallengeId).With("@channel", d.Destination.Channel.ToWire())
            .With("@destination", d.Destination.Value).With("@status", d.Status.ToString().ToLowerInvariant()).With("@at", DbTime.Of(d.At)).With("@detail", d.Detail)
            .With("@providerId", d.ProviderMessageId).With("@providerReason", d.ProviderReason).With("@provider", d.Provider);
        return withOutbox ? w.With("@outbox", d.OutboxId) : w;
    }

    public Task<IReadOnlyList<DeliveryEvent>> ListAsync(string challengeId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM deliveries WHERE challenge_id = @challenge ORDER BY id").With("@challenge", challengeId).ListAsync(Map, ct);

    public Task<IReadOnlyList<DeliveryEvent>> ListManyAsync(IReadOnlyList<string> challengeIds, CancellationToken ct) =>
        InList.Command(s, $"SELECT {Columns} FROM deliveries WHERE challenge_id IN ({{0}}) ORDER BY id", challengeIds)?.ListAsync(Map, ct)
        ?? Task.FromResult<IReadOnlyList<DeliveryEvent>>([]);

    private static DeliveryEvent Map(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetInt64(1), new Destination(SqlAccountStore.ParseChannel(r.GetString(2)), r.GetString(3)),
        Enum.Parse<DeliveryStatus>(r.GetString(4), ignoreCase: true), r.Time(5), r.NullableString(6), r.NullableString(7), r.NullableString(8), r.NullableString(9));
}
