using Npgsql;

namespace Verigate.Storage.Tests;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class, created from the admin connection string that
/// <c>eng/components.sh start</c> exports as <c>VERIGATE_TEST_POSTGRES</c>, and dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "VERIGATE_TEST_POSTGRES";

    private string? _admin;

    public string ConnectionString { get; private set; } = string.Empty;

    public string Name { get; } = "verigate_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The admin connection string, or a failure that says how to get PostgreSQL running.</summary>
    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set, so there is no PostgreSQL to test against. Run ./eng/test.sh, or run eng/components.sh start " +
                "(installs and starts PostgreSQL 15 on 127.0.0.1:55432) and then: source artifacts/components.env");

    public async Task InitializeAsync()
    {
        _admin = AdminConnectionString();
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
