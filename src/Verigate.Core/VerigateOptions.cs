namespace Verigate.Core;

/// <summary>Deployment-wide settings (configuration section <c>Verigate</c>).</summary>
public sealed class VerigateOptions
{
    public const string Section = "Verigate";

    public const string FallbackPublicBaseUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// The official origin. Links in messages and the SMS "@host" line come from it, never from a request. Unset,
    /// the server fills in its first listening address (right for development only).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Real gateways with a loopback public URL would send links nobody can open; the start is refused unless
    /// this says the loopback address is meant (a test rig, a gateway on the same machine).
    /// </summary>
    public bool AllowLoopbackPublicUrl { get; set; }

    public string ProductName { get; set; } = "Verigate";

    /// <summary>
    /// 0-1023, unique per running instance: part of every user and device id. Unset: 0 on SQLite (one instance);
    /// on PostgreSQL a free id is leased from the database at start-up. Set on PostgreSQL: that id is leased, and
    /// the instance refuses to start if another running instance holds it.
    /// </summary>
    public int? NodeId { get; set; }

    /// <summary>Where the SQLite file, the code-hash key and the Data Protection keys live by default.</summary>
    public string DataDirectory { get; set; } = "data";

    public Uri PublicBase => new((PublicBaseUrl ?? FallbackPublicBaseUrl).TrimEnd('/') + "/");

    public bool PublicBaseIsLoopback => PublicBase.IsLoopback || PublicBase.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (PublicBaseUrl is not null && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            yield return $"Verigate:PublicBaseUrl must be an absolute http(s) URL without query or fragment (now '{PublicBaseUrl}').";
        }

        if (string.IsNullOrWhiteSpace(ProductName) || ProductName.Length > 40 || ProductName.Any(char.IsControl))
        {
            yield return "Verigate:ProductName must be 1-40 printable characters.";
        }

        if (NodeId is < 0 or > Identifiers.SnowflakeIdGenerator.MaxNodeId)
        {
            yield return $"Verigate:NodeId must be between 0 and {Identifiers.SnowflakeIdGenerator.MaxNodeId}.";
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return "Verigate:DataDirectory must name a directory.";
        }
    }
}
