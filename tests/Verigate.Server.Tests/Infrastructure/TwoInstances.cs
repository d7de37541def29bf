namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// Two Verigate instances (two loopback ports) on one PostgreSQL database, sharing the code-hash key and (through
/// the database) the Data Protection key ring, the API keys and the development inbox.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>Base64 of 32 fixed bytes: every instance of a deployment must be given the same key.</summary>
    public const string SharedHashKey = "dmVyaWdhdGUtc2hhcmVkLWNvZGUtaGFzaC1rZXktMDAx";

    public PostgresTestDatabase Database { get; private set; } = null!;

    public VerigateTestServer A { get; private set; } = null!;

    public VerigateTestServer B { get; private set; } = null!;

    /// <summary>Settings of an instance on <paramref name="database"/>; per-IP limits lifted (every test request comes from 127.0.0.1).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(PostgresTestDatabase database, string hashKey = SharedHashKey, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(VerigateTestServer.Relaxed(more))
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Codes:HashKey"] = hashKey,
            ["Delivery:Dispatcher:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        Database = await PostgresTestDatabase.CreateAsync();
        A = new VerigateTestServer(Settings(Database));
        B = new VerigateTestServer(Settings(Database));
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
    }
}
