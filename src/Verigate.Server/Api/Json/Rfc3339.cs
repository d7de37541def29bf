namespace Verigate.Server.Api.Json;

/// <summary>Instants go out as UTC with a 'Z' (RFC 3339), the form every client library parses.</summary>
public static class Rfc3339
{
    public static DateTime Utc(DateTimeOffset instant) => instant.UtcDateTime;
}
