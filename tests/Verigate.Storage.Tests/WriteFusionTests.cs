using Verigate.Storage.Postgres;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Tests;

/// <summary>How held-back writes are cut into statements and renamed apart (PostgreSQL runs them in PostgresStoreTests).</summary>
public sealed class WriteFusionTests
{
    private static DeferredWrite Insert(string table) => new DeferredWrite($"INSERT INTO {table} (a) VALUES (@a)").With("@a", table);

    [Fact]
    public void Writes_to_different_tables_share_a_statement_and_a_table_written_again_starts_the_next()
    {
        var writes = new[] { Insert("audit_events"), Insert("deliveries"), Insert("audit_events"), Insert("outbox") };
        var groups = WriteFusion.Groups(writes);
        Assert.Equal([2, 2], groups.Select(g => g.Count));
        Assert.Same(writes[2], groups[1][0]);
    }

    [Fact]
    public void A_write_whose_table_cannot_be_told_stands_alone()
    {
        var unknown = new DeferredWrite("SELECT pg_notify('x', '')");
        var groups = WriteFusion.Groups([Insert("audit_events"), unknown, Insert("deliveries")]);
        Assert.Equal([1, 1, 1], groups.Select(g => g.Count));
        Assert.Empty(unknown.Tables);
    }

    [Fact]
    public void A_write_with_ctes_counts_their_tables_too()
    {
        var tracked = new DeferredWrite("INSERT INTO deliveries (outbox_id) SELECT id FROM new_outbox", ("new_outbox", "INSERT INTO outbox (a) VALUES (@a) RETURNING id"));
        Assert.Equal(["outbox", "deliveries"], tracked.Tables);
        Assert.Equal([1, 1], WriteFusion.Groups([tracked, Insert("outbox")]).Select(g => g.Count));
    }

    [Fact]
    public void Fused_writes_get_parameters_and_cte_names_of_their_own()
    {
        var tracked = new DeferredWrite("INSERT INTO deliveries (outbox_id, a) SELECT id, @a FROM new_outbox", ("new_outbox", "INSERT INTO outbox (a) VALUES (@a) RETURNING id"))
            .With("@a", 1);
        var sql = WriteFusion.SqlOf([Insert("audit_events"), tracked]);
        Assert.Equal(
            "WITH w0 AS (INSERT INTO audit_events (a) VALUES (@w0_a)), w1_new_outbox AS (INSERT INTO outbox (a) VALUES (@w1_a) RETURNING id) " +
            "INSERT INTO deliveries (outbox_id, a) SELECT id, @w1_a FROM w1_new_outbox",
            sql);
        Assert.Equal("WITH new_outbox AS (INSERT INTO outbox (a) VALUES (@a) RETURNING id) INSERT INTO deliveries (outbox_id, a) SELECT id, @a FROM new_outbox", tracked.StandaloneSql);
    }
}
