using Npgsql;
using Verigate.Core.Storage;
using Verigate.Storage.Postgres;

namespace Verigate.Storage.Tests;

/// <summary>
/// The store specification on PostgreSQL: one fresh database for the class, emptied before each test. Fails
/// (never skips) when no PostgreSQL was started for the tests.
/// </summary>
public sealed class PostgresStoreTests(PostgresDatabase database) : StoreSpecification, IClassFixture<PostgresDatabase>
{
    private PostgresStore? _store;

    protected override async Task<IStore> CreateStoreAsync()
    {
        _store = await PostgresStore.OpenAsync(database.ConnectionString, applyMigrations: true, Signal, CancellationToken.None);
        // Every table but the migrations' record, so no test sees what another left (a failure counter, a lock).
        await using var tables = _store.DataSource.CreateCommand(
            "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'");
        await using var truncate = _store.DataSource.CreateCommand("TRUNCATE " + (string)(await tables.ExecuteScalarAsync())!);
        await truncate.ExecuteNonQueryAsync();
        return _store;
    }

    protected override bool ChargesAtOnce => true;

    protected override async Task DisposeStoreAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Counters_are_locked_only_for_their_own_short_transaction_not_until_the_owner_commits()
    {
        var limiter = new Verigate.Core.RateLimiting.RateLimiter(TimeProvider.System);
        var limit = new Verigate.Core.RateLimiting.RateLimit(100, TimeSpan.FromHours(1));
        Verigate.Core.RateLimiting.RateLimitCharge[] charge = [new("send:key:held", limit)];

        await using var first = await _store!.BeginWriteAsync(CancellationToken.None);
        await using (var counters = await first.BeginCountersAsync(CancellationToken.None))
        {
            Assert.Null(await limiter.TryChargeAsync(counters, charge, CancellationToken.None));
            await counters.CommitAsync(CancellationToken.None);
        }

        // The first owner is still open (its durable commit pending): a second send of the same key must not wait for it.
        await using var second = await _store.BeginWriteAsync(CancellationToken.None);
        await using (var counters = await second.BeginCountersAsync(CancellationToken.None))
        {
            var charged = limiter.TryChargeAsync(counters, charge, CancellationToken.None);
            Assert.Same(charged, await Task.WhenAny(charged, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Null(await charged);
            await counters.CommitAsync(CancellationToken.None);
        }

        // Charged for good even though the first owner never commits: the limits err on the strict side.
        await first.DisposeAsync();
        await second.DisposeAsync();
        await using var read = await _store.BeginWriteAsync(CancellationToken.None);
        var stored = await read.RateLimits.GetForUpdateAsync(["send:key:held"], CancellationToken.None);
        Assert.True(stored["send:key:held"] > DateTimeOffset.UtcNow.AddSeconds(60), "both charges of 36 s each are stored");
    }

    [Fact]
    public async Task A_counter_charge_changes_no_indexed_column_so_its_row_version_stays_on_the_page()
    {
        // Every send charges the same few rows (its API key's, its prefix's): a charge that changed an indexed column
        // would add an entry to every index of the table each time, piling up on those keys between vacuums.
        var limiter = new Verigate.Core.RateLimiting.RateLimiter(TimeProvider.System);
        Verigate.Core.RateLimiting.RateLimitCharge[] charge = [new("send:key:hot", new Verigate.Core.RateLimiting.RateLimit(1_000_000, TimeSpan.FromHours(1)))];
        const int Charges = 200;
        var before = await RateLimitUpdatesAsync();
        for (var i = 0; i < Charges; i++)
        {
            await using var tx = await _store!.BeginWriteAsync(CancellationToken.None);
            await using var counters = await tx.BeginCountersAsync(CancellationToken.None);
            Assert.Null(await limiter.TryChargeAsync(counters, charge, CancellationToken.None));
            await counters.CommitAsync(CancellationToken.None);
        }

        // A backend reports its table counters when it ends at the latest: closing the pools ends them.
        await _store!.DisposeAsync();
        _store = null;
        var after = before;
        for (var waited = 0; after.Updated - before.Updated < Charges && waited < 150; waited++)
        {
            await Task.Delay(100);
            after = await RateLimitUpdatesAsync();
        }

        var updated = after.Updated - before.Updated;
        var hot = after.Hot - before.Hot;
        Assert.True(updated >= Charges, $"PostgreSQL reported {updated} of the {Charges} updates within 15 s");
        Assert.True(hot >= updated * 9 / 10, $"only {hot} of {updated} charges were HOT updates (an index on a column the charge changes?)");
    }

    private async Task<(long Updated, long Hot)> RateLimitUpdatesAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'rate_limits'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task Counters_connections_commit_without_waiting_for_the_wal_flush_and_others_keep_the_servers_setting()
    {
        await using var tx = await _store!.BeginWriteAsync(CancellationToken.None);
        await using var counters = await tx.BeginCountersAsync(CancellationToken.None);
        Assert.Equal("off", await ScalarAsync<string>(counters, "SHOW synchronous_commit"));
        Assert.Equal("client", await ScalarAsync<string>(counters, SourceOfSynchronousCommit));
        // Ordinary sessions keep whatever the server is configured with (the test cluster itself runs with it off).
        Assert.NotEqual("client", await ScalarAsync<string>(tx, SourceOfSynchronousCommit));
    }

    [Theory]
    [InlineData("", PostgresStore.DefaultPoolSize)]
    [InlineData(";Maximum Pool Size=40", 40)]
    [InlineData(";MaxPoolSize=5", 5)]
    [InlineData(";maximum pool size=7", 7)]
    public async Task The_pool_keeps_sixteen_connections_unless_the_connection_string_sets_its_size(string setting, int expected)
    {
        await using var store = await PostgresStore.OpenAsync(database.ConnectionString + setting, applyMigrations: false, Signal, CancellationToken.None);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public async Task A_session_beyond_the_pool_waits_for_a_connection_and_fails_with_a_clear_error_when_none_comes_back()
    {
        // Timeout is also how long Npgsql waits for a free pooled connection: one second, then the exhaustion error.
        await using var store = await PostgresStore.OpenAsync(database.ConnectionString + ";Timeout=1", applyMigrations: false, Signal, CancellationToken.None);
        var held = new List<IStoreSession>();
        try
        {
            for (var i = 0; i < PostgresStore.DefaultPoolSize; i++)
            {
                held.Add(await store.BeginWriteAsync(CancellationToken.None));
            }

            var e = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await store.OpenReadAsync(CancellationToken.None));
            Assert.Contains("pool", e.Message, StringComparison.OrdinalIgnoreCase);

            // One handed back is one the next session gets.
            await held[0].DisposeAsync();
            held.RemoveAt(0);
            await using var next = await store.OpenReadAsync(CancellationToken.None);
            Assert.Equal(1L, await SelectOneAsync(next));
        }
        finally
        {
            foreach (var session in held)
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task After_the_server_ends_its_connections_the_first_session_to_meet_a_dead_one_fails_and_both_pools_start_afresh()
    {
        await using var store = await PostgresStore.OpenAsync(database.ConnectionString, applyMigrations: false, Signal, CancellationToken.None);
        // An idle connection in each pool: the sessions' and the counters'.
        await using (var tx = await store.BeginWriteAsync(CancellationToken.None))
        {
            Assert.Equal(1L, await SelectOneAsync(tx));
            await using var counters = await tx.BeginCountersAsync(CancellationToken.None);
            Assert.Equal(1L, await SelectOneAsync(counters));
        }

        // As a restart or failover would: the server ends every connection of this store (only this test database's:
        // other test assemblies run their own stores on the same server at the same time).
        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var end = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
                "WHERE datname = current_database() AND application_name LIKE 'verigate%' AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await end.ExecuteScalarAsync())! >= 2);
        }

        await using (var first = await store.OpenReadAsync(CancellationToken.None))
        {
            var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => SelectOneAsync(first));
            Assert.True(e.IsTransient, e.ToString());
        }

        // The dead connections were closed with the first, the counters' too: the next sessions get fresh ones.
        await using var next = await store.BeginWriteAsync(CancellationToken.None);
        Assert.Equal(1L, await SelectOneAsync(next));
        await using var nextCounters = await next.BeginCountersAsync(CancellationToken.None);
        Assert.Equal(1L, await SelectOneAsync(nextCounters));
    }

    private static Task<long> SelectOneAsync(IStoreSession session) => ScalarAsync<long>(session, "SELECT 1::bigint");

    private const string SourceOfSynchronousCommit = "SELECT source FROM pg_settings WHERE name = 'synchronous_commit'";

    private static async Task<T?> ScalarAsync<T>(IStoreSession session, string sql) =>
        (T?)await ((Verigate.Storage.Sql.SqlSession)session).Command(sql).ExecuteScalarAsync();

    [Fact]
    public async Task A_counter_that_maintenance_deletes_while_a_send_waits_to_lock_it_is_charged_afresh()
    {
        // A drained counter (an instant in the past means "no state"): maintenance may delete it at any moment.
        const string key = "send:key:drained";
        var now = DateTimeOffset.UtcNow;
        await using (var tx = await _store!.BeginWriteAsync(CancellationToken.None))
        {
            await tx.RateLimits.SetAsync([new(key, now.AddHours(-1))], CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        // Maintenance has picked the row (its delete's subquery locks it) and not deleted it yet.
        await using var maintenance = new NpgsqlConnection(database.ConnectionString);
        await maintenance.OpenAsync();
        await using var sweep = await maintenance.BeginTransactionAsync();
        await using (var pick = new NpgsqlCommand($"SELECT key FROM rate_limits WHERE key = '{key}' FOR UPDATE", maintenance, sweep))
        {
            await pick.ExecuteNonQueryAsync();
        }

        // A send's placeholder insert passes the existing row (it takes no lock on it), then the charge waits to lock it …
        // With another counter of the same send, which must end up charged once, not once per run of the statement.
        const string other = "send:key:other";
        var limit = new Verigate.Core.RateLimiting.RateLimit(1, TimeSpan.FromHours(1));
        var charge = ChargeAtOnceAsync(new Verigate.Core.RateLimiting.CounterCharge([new(key, limit), new(other, limit)], now, null, [], 0m));
        await WaitForALockWaitAsync();

        // … and maintenance deletes it meanwhile: the lock then finds no row.
        await using (var delete = new NpgsqlCommand($"DELETE FROM rate_limits WHERE key = '{key}'", maintenance, sweep))
        {
            await delete.ExecuteNonQueryAsync();
        }

        await sweep.CommitAsync();

        Assert.True((await charge)!.Charged);
        // The charge was kept, not lost with the row: a second send within the hour is refused.
        var second = await ChargeAtOnceAsync(new Verigate.Core.RateLimiting.CounterCharge([new(key, limit)], now.AddMinutes(1), null, [], 0m));
        Assert.False(second!.Charged);
        var afterAnHour = await ChargeAtOnceAsync(new Verigate.Core.RateLimiting.CounterCharge([new(other, limit)], now.AddMinutes(61), null, [], 0m));
        Assert.True(afterAnHour!.Charged);
    }

    private async Task WaitForALockWaitAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", connection);
        for (var i = 0; i < 200 && (long)(await waiting.ExecuteScalarAsync())! == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True((long)(await waiting.ExecuteScalarAsync())! > 0, "the charge never waited for the row maintenance holds");
    }

    public static TheoryData<string> ChallengeStatementsById => new()
    {
        Verigate.Storage.Challenges.SqlChallengeStore.UseAttemptFirst((Kind: true, Subject: true, Purposes: 1)),
        Verigate.Storage.Challenges.SqlChallengeStore.End,
    };

    [Theory]
    [MemberData(nameof(ChallengeStatementsById))]
    public async Task The_checks_statements_reach_their_challenge_by_primary_key_and_no_other_index_can_serve_them(string sql)
    {
        // On a table not analysed yet (this one is empty), PostgreSQL takes a partial index on the status or an index on
        // the subject as readily as the primary key, and reading either whole is what made the check slow under load.
        Assert.Equal(["challenges_pkey"], await ChallengeIndexesPlannedAsync(sql, withoutPrimaryKey: false));

        // Without the primary key the planner takes whatever else could serve the statement: nothing may.
        Assert.Empty(await ChallengeIndexesPlannedAsync(sql, withoutPrimaryKey: true));
    }

    /// <summary>The indexes of challenges in PostgreSQL's plan for the statement (EXPLAIN only), in a transaction rolled back.</summary>
    private async Task<List<string>> ChallengeIndexesPlannedAsync(string sql, bool withoutPrimaryKey)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        if (withoutPrimaryKey)
        {
            await using var drop = new NpgsqlCommand("ALTER TABLE challenges DROP CONSTRAINT challenges_pkey", connection, tx);
            await drop.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + sql, connection, tx);
        explain.Parameters.AddWithValue("id", "VE0123");
        explain.Parameters.AddWithValue("now", 1_700_000_000_000L);
        explain.Parameters.AddWithValue("scopeKind", "api_key");
        explain.Parameters.AddWithValue("scopeSubject", "config:bench");
        explain.Parameters.AddWithValue("scopePurpose0", "verify_api");
        explain.Parameters.AddWithValue("status", "approved");
        explain.Parameters.AddWithValue("at", 1_700_000_000_000L);
        var plan = System.Text.Json.JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        await tx.RollbackAsync();

        var indexes = new List<string>();
        Collect(plan.RootElement);
        return indexes;

        void Collect(System.Text.Json.JsonElement node)
        {
            if (node.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item);
                }
            }
            else if (node.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                if (node.TryGetProperty("Index Name", out var index) && index.GetString() is { } name && name.StartsWith("challenges_", StringComparison.Ordinal))
                {
                    indexes.Add(name);
                }

                foreach (var property in node.EnumerateObject())
                {
                    Collect(property.Value);
                }
            }
        }
    }

    [Fact]
    public async Task A_session_of_held_back_writes_only_commits_them_all_or_none()
    {
        var ct = CancellationToken.None;
        // No statement of its own ran, so no transaction was begun: the commit sends the writes as one batch, which
        // PostgreSQL runs as one implicit transaction. A failing write must take the others with it.
        await using (var tx = await _store!.BeginWriteAsync(ct))
        {
            await tx.Audit.AppendAsync(new Verigate.Core.Audit.AuditEvent(Now, "kept_only_with_the_rest", null, "ch-implicit", null, null, null), ct);
            await tx.Deliveries.AppendAsync(new Verigate.Core.Outbox.DeliveryEvent("ch-implicit", 1,
                new Verigate.Core.Destinations.Destination(Verigate.Core.Destinations.Channel.Email, "x@example.com"), Verigate.Core.Outbox.DeliveryStatus.Sent, Now), ct);
            await ((Verigate.Storage.Sql.SqlSession)tx).WriteAsync(new Verigate.Storage.Sql.DeferredWrite("INSERT INTO audit_events (no_such_column) VALUES (1)"), ct);
            await Assert.ThrowsAsync<PostgresException>(async () => await tx.CommitAsync(ct));
        }

        await using var read = await _store.OpenReadAsync(ct);
        Assert.Empty(await read.Audit.ListForChallengeAsync("ch-implicit", ct));
        Assert.Empty(await read.Deliveries.ListAsync("ch-implicit", ct));
    }

    [Fact]
    public async Task A_transaction_commits_with_its_held_back_writes_all_or_none()
    {
        var ct = CancellationToken.None;
        var to = new Verigate.Core.Destinations.Destination(Verigate.Core.Destinations.Channel.Email, "commit@example.com");
        var message = new Verigate.Core.Outbox.OutboxMessage(0, Verigate.Core.Outbox.OutboxKind.Code, null, to, "code", "en", Now);

        // A statement of its own begins the transaction; the commit then sends the held write and the COMMIT together.
        await using (var tx = await _store!.BeginWriteAsync(ct))
        {
            await tx.Outbox.EnqueueAsync(message, ct);
            await tx.Audit.AppendAsync(new Verigate.Core.Audit.AuditEvent(Now, "committed_with_the_write", null, "ch-with-commit", null, null, null), ct);
            await tx.CommitAsync(ct);
        }

        // Committed for everyone as soon as the commit returned, and the connection went back to the pool idle.
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox WHERE destination = 'commit@example.com'"));
        await using (var read = await _store.OpenReadAsync(ct))
        {
            Assert.Single(await read.Audit.ListForChallengeAsync("ch-with-commit", ct));
        }

        // A held write that fails stops the batch before its COMMIT: the statement before it is rolled back as well.
        await using (var tx = await _store.BeginWriteAsync(ct))
        {
            await tx.Outbox.EnqueueAsync(message with { Destination = to with { Value = "rolled-back@example.com" } }, ct);
            await ((Verigate.Storage.Sql.SqlSession)tx).WriteAsync(new Verigate.Storage.Sql.DeferredWrite("INSERT INTO audit_events (no_such_column) VALUES (1)"), ct);
            await Assert.ThrowsAsync<PostgresException>(async () => await tx.CommitAsync(ct));
        }

        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM outbox WHERE destination = 'rolled-back@example.com'"));
        await using (var tx = await _store.BeginWriteAsync(ct))
        {
            // The pooled connections are usable afterwards: nothing is left of the failed transaction.
            await tx.Outbox.EnqueueAsync(message with { Destination = to with { Value = "after@example.com" } }, ct);
            await tx.CommitAsync(ct);
        }

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM outbox WHERE destination = 'after@example.com'"));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _store!.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_claim_alone_in_its_session_commits_on_its_own()
    {
        var ct = CancellationToken.None;
        var to = new Verigate.Core.Destinations.Destination(Verigate.Core.Destinations.Channel.Email, "claim@example.com");
        await using (var tx = await _store!.BeginWriteAsync(ct))
        {
            await tx.Outbox.EnqueueAsync(new Verigate.Core.Outbox.OutboxMessage(0, Verigate.Core.Outbox.OutboxKind.Code, null, to, "code", "en", Now), ct);
            await tx.CommitAsync(ct);
        }

        // The claimer has not committed (nor ended its session): the lease is visible to everyone already.
        await using var claimer = await _store.BeginWriteAsync(ct);
        Assert.Single(await claimer.Outbox.ClaimAsync("node-a", Now, Now.AddMinutes(1), 10, ct));
        await using var owner = _store.DataSource.CreateCommand("SELECT owner FROM outbox");
        Assert.Equal("node-a", await owner.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task Migrations_run_once_even_when_instances_start_together()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresStore.MigrateAsync(database.ConnectionString, CancellationToken.None)));
        Assert.All(results, applied => Assert.Equal(0, applied));
        await using var count = _store!.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        var shipped = Verigate.Storage.Sql.SqlMigrator.Versions(typeof(PostgresStore).Assembly, PostgresStore.MigrationPrefix).Count();
        Assert.Equal((long)shipped, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_fresh_database_is_migrated_by_parallel_starts_without_errors()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            PostgresStore.OpenAsync(fresh.ConnectionString, applyMigrations: true, Signal, CancellationToken.None)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await fresh.DisposeAsync();
    }

    [Fact]
    public async Task Without_migrations_a_behind_database_refuses_to_open_and_names_the_migrate_command()
    {
        var fresh = new PostgresDatabase();
        await fresh.InitializeAsync();
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgresStore.OpenAsync(fresh.ConnectionString, applyMigrations: false, Signal, CancellationToken.None));
        Assert.Contains("migrate", e.Message, StringComparison.Ordinal);
        await fresh.DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_database_fails_with_host_and_port_but_no_password()
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = 1, Username = "verigate", Password = "s3cret-password", Database = "verigate", Timeout = 2,
        }.ConnectionString;
        var e = await Assert.ThrowsAsync<Verigate.Core.StartupException>(() =>
            PostgresStore.OpenAsync(connectionString, applyMigrations: true, Signal, CancellationToken.None));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-password", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_ids_are_leased_to_one_instance_at_a_time()
    {
        var first = await PostgresNodeLease.TryAcquireAsync(_store!.DataSource, null, 1023, "a", TimeSpan.FromMinutes(1), CancellationToken.None);
        var second = await PostgresNodeLease.TryAcquireAsync(_store.DataSource, null, 1023, "b", TimeSpan.FromMinutes(1), CancellationToken.None);
        var taken = await PostgresNodeLease.TryAcquireAsync(_store.DataSource, first!.NodeId, 1023, "c", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotEqual(first.NodeId, second!.NodeId);
        Assert.Null(taken);
        Assert.True(await first.RenewAsync(CancellationToken.None));

        await first.ReleaseAsync(CancellationToken.None);
        var again = await PostgresNodeLease.TryAcquireAsync(_store.DataSource, first.NodeId, 1023, "c", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(first.NodeId, again!.NodeId);
        Assert.False(await first.RenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Parallel_node_leases_never_share_an_id()
    {
        var leases = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            PostgresNodeLease.TryAcquireAsync(_store!.DataSource, null, 1023, "owner-" + i, TimeSpan.FromMinutes(1), CancellationToken.None)));
        Assert.Equal(10, leases.Select(l => l!.NodeId).Distinct().Count());
    }

    [Fact]
    public async Task The_data_protection_key_ring_is_shared_through_the_database()
    {
        var repository = new PostgresXmlRepository(_store!.DataSource);
        repository.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "k1")), "key-k1");
        repository.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "k1")), "key-k1");
        var other = new PostgresXmlRepository(_store.DataSource);
        var element = Assert.Single(other.GetAllElements());
        Assert.Equal("k1", element.Attribute("id")!.Value);
    }
}
