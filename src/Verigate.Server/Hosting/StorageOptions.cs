namespace Verigate.Server.Hosting;

/// <summary>Where data lives (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";

    public string Provider { get; set; } = Sqlite;

    /// <summary>Defaults to <c>Data Source={Verigate:DataDirectory}/verigate.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite durability: Normal (survives a crash of the process) or Full (also survives power loss).</summary>
    public Storage.Sqlite.SqliteSynchronous Synchronous { get; set; } = Storage.Sqlite.SqliteSynchronous.Normal;

    /// <summary>How long ended challenges, their timelines and sent outbox rows are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        if (!string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Storage:Provider '{Provider}' is not supported by this build; use 'Sqlite'.";
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
}
