using Npgsql;
using Verigate.Core.Storage;
using Verigate.Storage.Sqlite;

namespace Verigate.Storage.Hosting;

/// <summary>Where data lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary><c>Sqlite</c> (one instance, embedded) or <c>Postgres</c> (any number of instances on one database).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite: defaults to <c>Data Source={Verigate:DataDirectory}/verigate.db</c>. PostgreSQL: required, an Npgsql
    /// connection string such as <c>Host=db;Port=5432;Database=verigate;Username=verigate;Password=…</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite durability: Normal (survives a crash of the process) or Full (also survives power loss).</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>
    /// PostgreSQL: apply pending schema migrations at start-up (under a database lock, so instances starting
    /// together are safe). When false, an instance refuses a database that is behind; run the <c>migrate</c> command.
    /// SQLite always migrates: its file has one owner.
    /// </summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>How long ended challenges, their timelines and sent outbox rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// What happens when a request or job opens a session while it still holds one (on PostgreSQL, waiting for a
    /// second pooled connection while holding the first): <c>Warn</c> logs a warning with the call stack, once per
    /// call site; <c>Fail</c> refuses the second session with an error (the test suites run so).
    /// </summary>
    public NestedSessionPolicy OnNestedSession { get; set; } = NestedSessionPolicy.Warn;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!IsPostgres && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Storage:Provider '{Provider}' is not supported; use 'Sqlite' or 'Postgres'.";
        }

        if (IsPostgres)
        {
            foreach (var problem in ValidatePostgresConnectionString())
            {
                yield return problem;
            }
        }

        if (Retention < TimeSpan.FromHours(1))
        {
            yield return "Storage:Retention must be at least 01:00:00.";
        }

        if (MaintenanceInterval < TimeSpan.FromSeconds(1))
        {
            yield return "Storage:MaintenanceInterval must be at least 00:00:01.";
        }
    }

    private IEnumerable<string> ValidatePostgresConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Storage:ConnectionString is required when Storage:Provider is 'Postgres' " +
                         "(for example Host=db.internal;Port=5432;Database=verigate;Username=verigate;Password=...).";
            yield break;
        }

        string? error = null;
        try
        {
            if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(ConnectionString).Host))
            {
                error = "Storage:ConnectionString must name a Host for PostgreSQL.";
            }
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never the value: a password must not reach the log.
            error = "Storage:ConnectionString is not a valid Npgsql connection string: " + e.Message;
        }

        if (error is not null)
        {
            yield return error;
        }
    }
}
