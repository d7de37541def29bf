using System.Globalization;
using System.Text.Json.Serialization;
using Verigate.Core.Destinations;
using Verigate.Core.Sessions;
using Verigate.Core.SignIn;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.SignIn;

public sealed record CreateSessionRequest(string? Login, string? Password, string? DeviceToken, string? DeviceName);

/// <summary>
/// The 202 of a sign-in that needs more: "new_device" (a code was sent: channel, to, resendAvailableAt) or
/// "two_factor" (nothing was sent; the methods say what completes it).
/// </summary>
public sealed record SignInChallengeResponse(
    string ChallengeId,
    string Reason,
    IReadOnlyList<string> Methods,
    DateTime ExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? ResendAvailableAt)
{
    public static SignInChallengeResponse From(LoginOutcome outcome)
    {
        var c = outcome.Challenge!;
        return outcome.NeedsSecondFactor
            ? new(c.Id, "two_factor", outcome.Methods ?? [], Rfc3339.Utc(c.ExpiresAt), null, null, null)
            : new(c.Id, "new_device", outcome.Methods ?? ["code"], Rfc3339.Utc(c.ExpiresAt), c.Destination.Channel.ToWire(), c.Destination.Masked, Rfc3339.Utc(c.NextSendAt));
    }
}

public sealed record SessionResponse(string SessionToken, string UserId, string DeviceId, string? DeviceToken)
{
    public static SessionResponse From(IssuedSession s) => new(
        s.SessionToken, s.UserId.ToString(CultureInfo.InvariantCulture), s.DeviceId.ToString(CultureInfo.InvariantCulture), s.DeviceToken);
}
