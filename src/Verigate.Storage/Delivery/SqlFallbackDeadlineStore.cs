using Verigate.Core.Delivery;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Delivery;

internal sealed class SqlFallbackDeadlineStore(SqlSession s) : IFallbackDeadlineStore
{
    public Task AddAsync(FallbackDeadline deadline, CancellationToken ct) =>
        s.Command("INSERT INTO fallback_deadlines (outbox_id, challenge_id, due_at) VALUES (@outbox, @challenge, @due) ON CONFLICT DO NOTHING")
            .With("@outbox", deadline.OutboxId).With("@challenge", deadline.ChallengeId).With("@due", DbTime.Of(deadline.DueAt)).ExecuteNonQueryAsync(ct);

    public Task<IReadOnlyList<FallbackDeadline>> ListAsync(CancellationToken ct) =>
        s.Command("SELECT outbox_id, challenge_id, due_at FROM fallback_deadlines ORDER BY due_at, outbox_id")
            .ListAsync(r => new FallbackDeadline(r.GetInt64(0), r.GetString(1), r.Time(2)), ct);

    public async Task<bool> TryRemoveAsync(long outboxId, CancellationToken ct) =>
        await s.Command("DELETE FROM fallback_deadlines WHERE outbox_id = @outbox").With("@outbox", outboxId).ExecuteNonQueryAsync(ct) == 1;
}
