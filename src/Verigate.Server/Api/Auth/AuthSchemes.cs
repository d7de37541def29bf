namespace Verigate.Server.Api.Auth;

/// <summary>The two kinds of bearer token: integrators' API keys and end users' session tokens.</summary>
public static class AuthSchemes
{
    public const string ApiKey = "ApiKey";
    public const string Session = "Session";

    public const string ApiKeyIdClaim = "verigate:api_key_id";
    public const string UserIdClaim = "verigate:user_id";
    public const string DeviceIdClaim = "verigate:device_id";
    public const string SessionIdClaim = "verigate:session_id";
    public const string AuthenticatedAtClaim = "verigate:authenticated_at";
}
