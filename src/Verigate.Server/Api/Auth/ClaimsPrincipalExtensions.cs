using System.Globalization;
using System.Security.Claims;

namespace Verigate.Server.Api.Auth;

/// <summary>The authenticated caller's identifiers, read from the claims the handlers set.</summary>
public static class ClaimsPrincipalExtensions
{
    public static string ApiKeyId(this ClaimsPrincipal user) => user.FindFirstValue(AuthSchemes.ApiKeyIdClaim)
        ?? throw new InvalidOperationException("The endpoint requires the ApiKey policy.");

    public static long UserId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(AuthSchemes.UserIdClaim)
        ?? throw new InvalidOperationException("The endpoint requires the Session policy."), CultureInfo.InvariantCulture);

    public static string SessionId(this ClaimsPrincipal user) => user.FindFirstValue(AuthSchemes.SessionIdClaim)
        ?? throw new InvalidOperationException("The endpoint requires the Session policy.");

    /// <summary>When the session's owner last signed in or re-authenticated, read from the store on this request.</summary>
    public static DateTimeOffset AuthenticatedAt(this ClaimsPrincipal user) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(
        user.FindFirstValue(AuthSchemes.AuthenticatedAtClaim) ?? throw new InvalidOperationException("The endpoint requires the Session policy."),
        CultureInfo.InvariantCulture));

    public static long DeviceId(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(AuthSchemes.DeviceIdClaim)
        ?? throw new InvalidOperationException("The endpoint requires the Session policy."), CultureInfo.InvariantCulture);
}
