using Verigate.Core.Storage;

namespace Verigate.Storage.Sql;

/// <summary>
/// Cleanup in bounded batches, so a large backlog never holds the writer for long. On PostgreSQL the batch skips
/// rows other transactions hold (another instance's cleanup, a rate-limit charge in flight) instead of waiting
/// on them: they are taken at the next run.
/// </summary>
internal sealed class SqlMaintenanceStore(SqlSession s) : IMaintenanceStore
{
    public async Task<int> RunBatchAsync(DateTimeOffset now, TimeSpan retention, int batchSize, CancellationToken ct)
    {
        var nowMs = DbTime.Of(now);
        var cutoff = DbTime.Of(now - retention);
        var touched = 0;

        // Expired challenges are ended by Core's ChallengeExpiry (it reports them), in the same transaction as this batch.
        touched += await Batch($"DELETE FROM deliveries WHERE challenge_id IN (SELECT id FROM challenges WHERE ended_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM challenges WHERE id IN (SELECT id FROM challenges WHERE ended_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state <> 'pending' AND finished_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM rate_limits WHERE key IN (SELECT key FROM rate_limits WHERE tat < @now LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@now", nowMs), ("@batch", batchSize));
        touched += await Batch("DELETE FROM idempotency WHERE created_at < @cutoff AND (scope, key) IN " +
                               $"(SELECT scope, key FROM idempotency WHERE created_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", DbTime.Of(now - TimeSpan.FromHours(24))), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM dev_messages WHERE id IN (SELECT id FROM dev_messages WHERE created_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND finished_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch("DELETE FROM webhook_events WHERE id IN (SELECT ev.id FROM webhook_events ev WHERE ev.created_at < @cutoff " +
                               $"AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id) LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        // Expired notice links lose the sealed copy of their token, and are deleted after the retention.
        touched += await Batch("UPDATE action_links SET sealed_token = NULL WHERE id IN " +
                               $"(SELECT id FROM action_links WHERE sealed_token IS NOT NULL AND expires_at <= @now LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@now", nowMs), ("@batch", batchSize));
        touched += await Batch($"DELETE FROM action_links WHERE id IN (SELECT id FROM action_links WHERE expires_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        // A contact change keeps the replaced address for its undo link: kept through the hold and the retention,
        // then forgotten. A support PIN is worthless once expired or used.
        touched += await Batch($"DELETE FROM contact_changes WHERE id IN (SELECT id FROM contact_changes WHERE hold_until < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch("DELETE FROM support_pins WHERE user_id IN " +
                               $"(SELECT user_id FROM support_pins WHERE expires_at <= @now OR used_at IS NOT NULL LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@now", nowMs), ("@batch", batchSize));
        // Console sessions long ended or idle (every timeout is far shorter than the retention), and lapsed caller checks.
        touched += await Batch("DELETE FROM staff_sessions WHERE id IN " +
                               $"(SELECT id FROM staff_sessions WHERE ended_at < @cutoff OR last_seen_at < @cutoff LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@cutoff", cutoff), ("@batch", batchSize));
        touched += await Batch("DELETE FROM caller_verifications WHERE (staff_id, user_id) IN " +
                               $"(SELECT staff_id, user_id FROM caller_verifications WHERE verified_until < @now LIMIT @batch{s.Dialect.SkipLocked})", ct,
            ("@now", nowMs), ("@batch", batchSize));
        return touched;
    }

    private Task<int> Batch(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var command = s.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return command.ExecuteNonQueryAsync(ct);
    }
}
