using Npgsql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// Leases a node id (0-1023, part of every user and device id) for one running instance. Leases are timed by the
/// database's clock, which all instances share, and renewed well before they run out; a crashed instance's id
/// becomes free when its lease expires. An id is only taken over once its lease has expired.
/// </summary>
public sealed class PostgresNodeLease
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeSpan _duration;

    private PostgresNodeLease(NpgsqlDataSource dataSource, int nodeId, string owner, TimeSpan duration)
    {
        _dataSource = dataSource;
        NodeId = nodeId;
        Owner = owner;
        _duration = duration;
    }

    public int NodeId { get; }

    public string Owner { get; }

    /// <summary>
    /// Takes <paramref name="requested"/> if given, else the lowest free id. Returns null when the requested id
    /// (or every id) is held by a live instance.
    /// </summary>
    public static async Task<PostgresNodeLease?> TryAcquireAsync(
        NpgsqlDataSource dataSource, int? requested, int maxNodeId, string owner, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var candidates = requested is { } one ? [one] : Enumerable.Range(0, maxNodeId + 1);
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        // Expired leases first so a restart re-uses ids instead of walking up to 1023.
        var free = new List<int>();
        await using (var probe = new NpgsqlCommand(
            "SELECT g FROM generate_series(0, @max) g WHERE NOT EXISTS " +
            "(SELECT 1 FROM node_leases WHERE node_id = g AND expires_at > " + NowMs + ") ORDER BY g", connection))
        {
            probe.Parameters.AddWithValue("max", (long)maxNodeId);
            await using var reader = await probe.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                free.Add((int)reader.GetInt64(0));
            }
        }

        foreach (var nodeId in candidates.Where(free.Contains))
        {
            await using var take = new NpgsqlCommand(
                "INSERT INTO node_leases (node_id, owner, expires_at) VALUES (@id, @owner, " + NowMs + " + @ms) " +
                "ON CONFLICT (node_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at " +
                "WHERE node_leases.expires_at <= " + NowMs, connection);
            take.Parameters.AddWithValue("id", (long)nodeId);
            take.Parameters.AddWithValue("owner", owner);
            take.Parameters.AddWithValue("ms", (long)duration.TotalMilliseconds);
            if (await take.ExecuteNonQueryAsync(ct) == 1)
            {
                return new PostgresNodeLease(dataSource, nodeId, owner, duration);
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false if it was lost (expired and taken by another instance).</summary>
    public async Task<bool> RenewAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(
            "UPDATE node_leases SET expires_at = " + NowMs + " + @ms WHERE node_id = @id AND owner = @owner AND expires_at > " + NowMs);
        command.Parameters.AddWithValue("ms", (long)_duration.TotalMilliseconds);
        command.Parameters.AddWithValue("id", (long)NodeId);
        command.Parameters.AddWithValue("owner", Owner);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Frees the id at once on a clean shutdown.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM node_leases WHERE node_id = @id AND owner = @owner");
        command.Parameters.AddWithValue("id", (long)NodeId);
        command.Parameters.AddWithValue("owner", Owner);
        await command.ExecuteNonQueryAsync(ct);
    }

    // The database clock, shared by all instances, so skewed host clocks cannot shorten a lease.
    private const string NowMs = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";
}
