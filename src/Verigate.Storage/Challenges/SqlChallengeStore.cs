using System.Collections.Concurrent;
using System.Data.Common;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Storage.Accounts;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Challenges;

internal sealed class SqlChallengeStore(SqlSession s) : IChallengeStore
{
    private const string Columns =
        "id, purpose, label, subject_kind, subject_id, channel, destination, code_length, code_hash, protected_code, status, " +
        "created_at, expires_at, attempts_used, max_attempts, sends_used, max_sends, next_send_at, locale, device_name, client_ip, service_sid, reuse_key";

    private static readonly string[] ColumnNames = Columns.Split(", ");

    private static readonly string QualifiedColumns = string.Join(", ", ColumnNames.Select(c => "challenges." + c));

    public Task InsertAsync(Challenge c, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite($"INSERT INTO challenges ({Columns}, country, failure_key) VALUES (@id, @purpose, @label, @subjectKind, @subjectId, @channel, @destination, @codeLength, " +
                  "@codeHash, @protectedCode, @status, @createdAt, @expiresAt, @attemptsUsed, @maxAttempts, @sendsUsed, @maxSends, @nextSendAt, " +
                  "@locale, @deviceName, @clientIp, @serviceSid, @reuseKey, @country, @failureKey)")
            .With("@id", c.Id).With("@purpose", c.Purpose.ToName()).With("@label", c.Label)
            .With("@subjectKind", c.Subject.StorageName).With("@subjectId", c.Subject.Id)
            .With("@channel", c.Destination.Channel.ToWire()).With("@destination", c.Destination.Value)
            .With("@codeLength", c.CodeLength).With("@codeHash", c.CodeHash).With("@protectedCode", c.ProtectedCode)
            .With("@status", c.Status.ToName()).With("@createdAt", DbTime.Of(c.CreatedAt)).With("@expiresAt", DbTime.Of(c.ExpiresAt))
            .With("@attemptsUsed", c.AttemptsUsed).With("@maxAttempts", c.MaxAttempts).With("@sendsUsed", c.SendsUsed)
            .With("@maxSends", c.MaxSends).With("@nextSendAt", DbTime.Of(c.NextSendAt)).With("@locale", c.Locale)
            .With("@deviceName", c.DeviceName).With("@clientIp", c.ClientIp)
            .With("@serviceSid", c.ServiceSid).With("@reuseKey", c.ReuseKey).With("@country", PhoneCountry.Of(c.Destination))
            .With("@failureKey", FailureScopes.For(c)), ct);

    public Task<Challenge?> GetAsync(string id, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM challenges WHERE id = @id").With("@id", id).FirstOrDefaultAsync(Map, ct);

    public Task<IReadOnlyList<Challenge>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken ct) =>
        InList.Command(s, $"SELECT {Columns} FROM challenges WHERE id IN ({{0}})", ids)?.ListAsync(Map, ct) ?? Task.FromResult<IReadOnlyList<Challenge>>([]);

    public Task<Challenge?> FindLatestAsync(
        ChallengeSubject subject, string serviceSid, Destination destination, DateTimeOffset now, bool orExhausted, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM challenges WHERE service_sid = @service AND destination = @destination " +
                  (orExhausted ? "AND status IN ('pending', 'max_attempts_reached') " : "AND status = 'pending' ") +
                  "AND subject_kind = @subjectKind AND subject_id = @subjectId AND channel = @channel AND expires_at > @now ORDER BY created_at DESC, id DESC LIMIT 1")
            .With("@service", serviceSid).With("@destination", destination.Value).With("@subjectKind", subject.StorageName)
            .With("@subjectId", subject.Id).With("@channel", destination.Channel.ToWire()).With("@now", DbTime.Of(now))
            .FirstOrDefaultAsync(Map, ct);

    private const string ReusableLookup = $"SELECT {Columns} FROM challenges WHERE reuse_key = @key AND status = 'pending' " +
                                          "AND expires_at > @now AND attempts_used < max_attempts ORDER BY created_at DESC, id DESC LIMIT 1";

    // The dialect's lock and the lookup as one command text, made once per dialect rather than on every start.
    private static readonly ConcurrentDictionary<string, string> SerializedLookups = new(StringComparer.Ordinal);

    public async Task<Challenge?> FindReusableAsync(string reuseKey, DateTimeOffset now, CancellationToken ct)
    {
        // Two requests for the same key at once must not both find nothing and both issue: the second waits for the
        // first to commit and then finds (and reuses) its challenge. The SELECT is a statement of its own after the
        // lock, so under READ COMMITTED its snapshot is taken once the lock is held and it sees what the first request
        // committed; the two statements still go out in one round trip.
        var serialize = s.Dialect.SerializeOnKey;
        var sql = serialize is null ? ReusableLookup : SerializedLookups.GetOrAdd(serialize, static taking => taking + "; " + ReusableLookup);
        await using var reader = await s.Command(sql).With("@key", reuseKey).With("@now", DbTime.Of(now)).ExecuteReaderAsync(ct);
        if (serialize is not null)
        {
            await reader.NextResultAsync(ct);
        }

        return await reader.ReadAsync(ct) ? Map(reader) : null;
    }

    // "Still pending", for statements that find their challenge by id, written so that no index can serve it and the
    // primary key stays their only way in. With status = 'pending', every partial index WHERE status = 'pending' can
    // serve the statement as a whole, and PostgreSQL takes one whenever its statistics make it look as small as one row
    // (a table not analysed yet): it then reads the whole index, dead entries of ended challenges included (11 ms at
    // 40,000 challenges in bench/run-postgres.sh, against 0.1). IS NOT DISTINCT FROM is = for a column that is never null.
    private const string StillPending = "status IS NOT DISTINCT FROM 'pending'";

    // The attempt's rule, for both ways of using one: pending, unexpired, attempts left, and code entry not locked for
    // the failure counter whose key is the SQL expression counterKey; and whether that counter had counted anything.
    private static string UseAttempt(string counterKey) =>
        "UPDATE challenges SET attempts_used = attempts_used + 1 " +
        $"WHERE id = @id AND {StillPending} AND attempts_used < max_attempts AND expires_at > @now " +
        $"AND NOT EXISTS (SELECT 1 FROM failure_counters WHERE counter_key = {counterKey} AND locked_until > @now)";

    private static string FailuresCounted(string counterKey) => $"EXISTS (SELECT 1 FROM failure_counters WHERE counter_key = {counterKey})";

    private static readonly string UseAttemptByKey = UseAttempt("@key") + " RETURNING attempts_used, " + FailuresCounted("@key");

    public async Task<UsedAttempt?> TryUseAttemptAsync(string id, string failureKey, DateTimeOffset now, CancellationToken ct)
    {
        var used = await s.Command(UseAttemptByKey)
            .With("@id", id).With("@key", failureKey).With("@now", DbTime.Of(now))
            .ListAsync(r => new UsedAttempt(r.GetInt32(0), r.GetBoolean(1)), ct);
        return used.Count == 0 ? null : used[0];
    }

    // One text per shape of scope (which of its parts are set, how many purposes): a handful, each prepared once.
    private static readonly ConcurrentDictionary<(bool Kind, bool Subject, int Purposes), string> AttemptsFirst = new();

    /// <summary>
    /// ChallengeScope.Admits as SQL, for a scope of this shape (no purposes: -1):
    /// StoreSpecification.An_attempt_used_first_admits_exactly_what_the_scope_admits holds the two to the same answers. A
    /// challenge issued before its failure key was stored is left to the read-first path.
    /// </summary>
    /// <remarks>
    /// The subject is compared as the status is (see <see cref="StillPending"/>): with =, PostgreSQL may reach the row
    /// through an index on the subject whenever its statistics make both ways look like one row (a table not analysed
    /// yet, or many subjects with one challenge each), and then reads every challenge of the subject: for an API key,
    /// all of them.
    /// </remarks>
    internal static string UseAttemptFirst((bool Kind, bool Subject, int Purposes) shape) =>
        UseAttempt("challenges.failure_key") + " AND failure_key IS NOT NULL" +
        (shape.Kind ? " AND subject_kind IS NOT DISTINCT FROM @scopeKind" : "") +
        (shape.Subject ? " AND subject_id IS NOT DISTINCT FROM @scopeSubject" : "") +
        (shape.Purposes < 0 ? "" : " AND purpose IN (" + string.Join(", ", Enumerable.Range(0, shape.Purposes).Select(i => $"@scopePurpose{i}")) + ")") +
        $" RETURNING {Columns}, " + FailuresCounted("challenges.failure_key");

    public async Task<(Challenge Challenge, UsedAttempt Used)?> TryUseAttemptFirstAsync(string id, ChallengeScope scope, DateTimeOffset now, CancellationToken ct)
    {
        if (scope.Purposes is { Count: 0 })
        {
            return null;
        }

        var sql = AttemptsFirst.GetOrAdd((scope.Kind is not null, scope.SubjectId is not null, scope.Purposes?.Count ?? -1), UseAttemptFirst);
        var command = s.Command(sql).With("@id", id).With("@now", DbTime.Of(now));
        if (scope.Kind is { } kind)
        {
            command.With("@scopeKind", ChallengeSubject.StorageNameOf(kind));
        }

        if (scope.SubjectId is { } subject)
        {
            command.With("@scopeSubject", subject);
        }

        var i = 0;
        foreach (var purpose in scope.Purposes ?? [])
        {
            command.With($"@scopePurpose{i++}", purpose.ToName());
        }

        var used = await command.ListAsync(MapAttempted, ct);
        return used.Count == 0 ? null : used[0];
    }

    // The challenge after its attempt, then (the column after its own) whether its failure counter had counted anything.
    private static (Challenge, UsedAttempt) MapAttempted(DbDataReader r)
    {
        var challenge = Map(r);
        return (challenge, new UsedAttempt(challenge.AttemptsUsed, r.GetBoolean(ColumnNames.Length)));
    }

    internal const string End = $"UPDATE challenges SET status = @status, protected_code = NULL, ended_at = @at WHERE id = @id AND {StillPending}";

    public async Task<bool> TryEndAsync(string id, ChallengeStatus status, DateTimeOffset at, CancellationToken ct) =>
        await s.Command(End).With("@status", status.ToName()).With("@at", DbTime.Of(at)).With("@id", id).ExecuteNonQueryAsync(ct) == 1;

    public Task EndAfterAttemptAsync(string id, ChallengeStatus status, DateTimeOffset at, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite(End).With("@status", status.ToName()).With("@at", DbTime.Of(at)).With("@id", id), ct);

    public Task<IReadOnlyList<Challenge>> ExpireDueAsync(DateTimeOffset now, int batchSize, CancellationToken ct) =>
        // A materialized CTE picks the batch once: PostgreSQL may re-run a LIMIT subquery inside IN and end more than the batch.
        s.Command($"WITH due AS MATERIALIZED (SELECT id FROM challenges WHERE status = 'pending' AND expires_at <= @now LIMIT @batch{s.Dialect.SkipLocked}) " +
                  "UPDATE challenges SET status = 'expired', protected_code = NULL, ended_at = @now FROM due " +
                  $"WHERE challenges.id = due.id AND challenges.status = 'pending' RETURNING {QualifiedColumns}")
            .With("@now", DbTime.Of(now)).With("@batch", batchSize).ListAsync(Map, ct);

    public Task<int> EndPendingOfAccountAsync(long userId, string? exceptId, ChallengeStatus status, DateTimeOffset at, CancellationToken ct) =>
        s.Command("UPDATE challenges SET status = @status, protected_code = NULL, ended_at = @at " +
                  "WHERE subject_kind = 'account' AND subject_id = @user AND status = 'pending' AND id <> @except")
            .With("@status", status.ToName()).With("@at", DbTime.Of(at))
            .With("@user", userId.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("@except", exceptId ?? string.Empty)
            .ExecuteNonQueryAsync(ct);

    public async Task<bool> TryRecordSendAsync(string id, int sendsUsed, DateTimeOffset nextSendAt, CancellationToken ct) =>
        await s.Command($"UPDATE challenges SET sends_used = sends_used + 1, next_send_at = @next WHERE id = @id AND {StillPending} AND sends_used = @sends")
            .With("@next", DbTime.Of(nextSendAt)).With("@id", id).With("@sends", sendsUsed).ExecuteNonQueryAsync(ct) == 1;

    private static Challenge Map(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Purpose = ChallengeNames.ParsePurpose(r.GetString(1)),
        Label = r.NullableString(2),
        Subject = new ChallengeSubject(r.GetString(3) == "account" ? SubjectKind.Account : SubjectKind.ApiKey, r.GetString(4)),
        Destination = new Destination(SqlAccountStore.ParseChannel(r.GetString(5)), r.GetString(6)),
        CodeLength = r.GetInt32(7),
        CodeHash = r.GetFieldValue<byte[]>(8),
        ProtectedCode = r.NullableString(9),
        Status = ChallengeNames.ParseStatus(r.GetString(10)),
        CreatedAt = r.Time(11),
        ExpiresAt = r.Time(12),
        AttemptsUsed = r.GetInt32(13),
        MaxAttempts = r.GetInt32(14),
        SendsUsed = r.GetInt32(15),
        MaxSends = r.GetInt32(16),
        NextSendAt = r.Time(17),
        Locale = r.GetString(18),
        DeviceName = r.NullableString(19),
        ClientIp = r.NullableString(20),
        ServiceSid = r.NullableString(21),
        ReuseKey = r.NullableString(22),
    };
}
