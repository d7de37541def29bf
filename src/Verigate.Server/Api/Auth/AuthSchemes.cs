namespace Verigate.Server.Api.Auth;

/// <summary>The two kinds of bearer token (integrators' API keys, end users' session tokens) and Basic with an API key (Twilio-compatible API).</summary>
public static class AuthSchemes
{
    public const string ApiKey = "ApiKey";
    public const string Session = "Session";
    public const string TwilioBasic = "TwilioBasic";

    public const string ApiKeyIdClaim = "verigate:api_key_id";
    public const string UserIdClaim = "verigate:user_id";
    public const string DeviceIdClaim = "verigate:device_id";
    public const string TwilioAccountSidClaim = "verigate:twilio_account_sid";
    public const string SessionIdClaim = "verigate:session_id";
    public const string AuthenticatedAtClaim = "verigate:authenticated_at";
}
