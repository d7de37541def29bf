using System.Globalization;
using Verigate.Core.Sessions;

namespace Verigate.Server.Api.Sessions;

public sealed record CreateSessionRequest(string? Login, string? Password, string? DeviceToken, string? DeviceName);

public sealed record SessionResponse(string SessionToken, string UserId, string DeviceId, string? DeviceToken)
{
    public static SessionResponse From(IssuedSession s) => new(
        s.SessionToken, s.UserId.ToString(CultureInfo.InvariantCulture), s.DeviceId.ToString(CultureInfo.InvariantCulture), s.DeviceToken);
}
