using System.Net.Sockets;
using Npgsql;

namespace Verigate.Storage.Postgres;

/// <summary>Whether a PostgreSQL database answers, without opening the store or touching its schema.</summary>
public static class PostgresProbe
{
    /// <summary>The <c>check-config</c> probe: null when the database answers, else one line saying why not.</summary>
    public static async Task<string?> ProbeAsync(string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or OperationCanceledException)
        {
            return $"Storage:ConnectionString: cannot reach PostgreSQL at {PostgresStore.Describe(connectionString)} ({e.Message}).";
        }
    }
}
