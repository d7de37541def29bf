using Npgsql;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database made from <c>VERIGATE_TEST_POSTGRES</c> (exported by <c>eng/components.sh start</c>),
/// dropped on dispose. Without the variable the test fails and says how to start PostgreSQL.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "VERIGATE_TEST_POSTGRES";

    private readonly string _admin;

    private PostgresTestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so there is no PostgreSQL to test against. Run ./eng/test.sh, or run eng/components.sh start " +
                "(installs and starts PostgreSQL 15 on 127.0.0.1:55432) and then: source artifacts/components.env");
        var name = "verigate_it_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new PostgresTestDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
    }

    /// <summary>One value straight from the database, for assertions the API does not expose.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Makes the database refuse every new connection and ends the open ones (as an outage or a failover would), or
    /// lets connections in again.
    /// </summary>
    public async Task RefuseConnectionsAsync(bool refuse)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var allow = new NpgsqlCommand($"ALTER DATABASE {Name} ALLOW_CONNECTIONS {(refuse ? "false" : "true")}", connection);
        await allow.ExecuteNonQueryAsync();
        if (refuse)
        {
            await using var end = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{Name}'", connection);
            await end.ExecuteScalarAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
