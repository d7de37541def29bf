using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Storage.Postgres;

namespace Verigate.Server.Tests.Security;

/// <summary>
/// Whoever copies the database and the data directory, but not the code-hash key, gets no pending code: not from
/// the stored ciphertext, and not with the Data Protection key ring that was stored beside it.
/// </summary>
public sealed class StolenBackupTests
{
    private static readonly string[] ProtectorPurposes = ["Verigate.Challenges.Code.v1"];

    [Fact]
    public async Task A_copied_sqlite_database_and_data_directory_without_the_key_reveal_no_pending_code()
    {
        var hashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string code, stolenDirectory;
        await using (var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Codes:HashKey"] = hashKey })))
        {
            code = await StartResetAsync(server);
            stolenDirectory = CopyWithoutKey(server.DataDirectory);
        }

        try
        {
            string protectedCode;
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(stolenDirectory, "verigate.db")};Mode=ReadOnly;Pooling=false"))
            {
                await db.OpenAsync();
                await using var command = db.CreateCommand();
                command.CommandText = "SELECT protected_code FROM challenges WHERE purpose = 'password_reset' AND protected_code IS NOT NULL";
                protectedCode = (string)(await command.ExecuteScalarAsync())!;
            }

            var keysDirectory = new DirectoryInfo(Path.Combine(stolenDirectory, "keys"));
            AssertReveals(protectedCode, code, services => services.AddDataProtection().SetApplicationName("Verigate").PersistKeysToFileSystem(keysDirectory));
        }
        finally
        {
            Directory.Delete(stolenDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_pg_dump_worth_of_tables_without_the_key_reveals_no_pending_code()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        string code;
        await using (var server = new VerigateTestServer(TwoInstances.Settings(database)))
        {
            code = await StartResetAsync(server);
        }

        var protectedCode = await database.ScalarAsync<string>(
            "SELECT protected_code FROM challenges WHERE purpose = 'password_reset' AND protected_code IS NOT NULL");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        AssertReveals(protectedCode, code, services =>
        {
            services.AddDataProtection().SetApplicationName("Verigate");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(dataSource));
        });
    }

    [Fact]
    public async Task A_copied_data_directory_without_the_key_cannot_open_the_data_protection_ring()
    {
        var hashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string payload, stolenDirectory;
        await using (var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Codes:HashKey"] = hashKey })))
        {
            // What the ring protects: page cookies, antiforgery tokens, webhook secrets.
            payload = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Verigate.Tests.Cookie").Protect("vgs_session-token");
            stolenDirectory = CopyWithoutKey(server.DataDirectory);
        }

        try
        {
            var keysDirectory = new DirectoryInfo(Path.Combine(stolenDirectory, "keys"));
            var xml = string.Concat(keysDirectory.EnumerateFiles("*.xml").Select(f => File.ReadAllText(f.FullName)));
            Assert.Contains("verigateSealed", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

            string Open(string key)
            {
                var services = new ServiceCollection();
                services.AddSingleton(new Verigate.Core.Challenges.CodeHashKey(Convert.FromBase64String(key)));
                services.AddDataProtection().SetApplicationName("Verigate").PersistKeysToFileSystem(keysDirectory);
                using var provider = services.BuildServiceProvider();
                return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Verigate.Tests.Cookie").Unprotect(payload);
            }

            Assert.ThrowsAny<Exception>(() => Open(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            Assert.Equal("vgs_session-token", Open(hashKey)); // the ring is intact: only the key is missing
        }
        finally
        {
            Directory.Delete(stolenDirectory, recursive: true);
        }
    }

    private static async Task<string> StartResetAsync(VerigateTestServer server)
    {
        var account = await new AccountSteps(server).SignUpAsync();
        using var client = server.Anonymous();
        var started = await client.PostAsJsonAsync("/v1/password-resets", new { login = account.Username });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return await server.CodeSentToAsync(account.Email, expectedMessages: 2);
    }

    /// <summary>The attacker's tools: the ciphertext itself, and every protector the stolen key ring can build.</summary>
    private static void AssertReveals(string protectedCode, string code, Action<IServiceCollection> keyRingFromTheCopy)
    {
        Assert.DoesNotContain(code, protectedCode, StringComparison.Ordinal);
        var services = new ServiceCollection();
        keyRingFromTheCopy(services);
        using var provider = services.BuildServiceProvider();
        foreach (var purpose in ProtectorPurposes)
        {
            var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(protectedCode));
        }
    }

    private static string CopyWithoutKey(string dataDirectory)
    {
        var copy = Directory.CreateTempSubdirectory("verigate-stolen-").FullName;
        foreach (var file in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(dataDirectory, file);
            if (Path.GetFileName(file) == "code-hash.key")
            {
                continue; // the one secret the backup must not hold
            }

            var target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }
}
