using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Verigate.Storage.Postgres;

/// <summary>
/// The Data Protection key ring in the shared database, so a code protected by one instance can be read (and
/// re-sent) by any other. Keys are only ever added; Data Protection revokes by adding revocation elements.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, (extract(epoch FROM now()) * 1000)::bigint) " +
            "ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="action"/> while holding a database-wide lock, so that instances starting together
    /// do not each create a first key (each would then reject the other's protected codes until a refresh).
    /// </summary>
    public void WithKeyRingLock(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", KeyRingLockKey);
            take.ExecuteNonQuery();
        }

        try
        {
            action();
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", KeyRingLockKey);
            release.ExecuteNonQuery();
        }
    }

    private const long KeyRingLockKey = PostgresStore.MigrationLockKey + 1;
}
