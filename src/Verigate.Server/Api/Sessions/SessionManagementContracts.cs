using System.Globalization;
using Verigate.Core.Sessions;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Sessions;

/// <summary>One session in use, as <c>GET /v1/me/sessions</c> lists it.</summary>
public sealed record SessionInfoResponse(string SessionId, string DeviceId, string DeviceName, DateTime CreatedAt, DateTime LastSeenAt, bool Current)
{
    public static SessionInfoResponse From(ActiveSession s) => new(
        s.SessionId, s.DeviceId.ToString(CultureInfo.InvariantCulture), s.DeviceName, Rfc3339.Utc(s.CreatedAt), Rfc3339.Utc(s.LastSeenAt), s.Current);
}

public sealed record RevokedSessionsResponse(int Revoked);
