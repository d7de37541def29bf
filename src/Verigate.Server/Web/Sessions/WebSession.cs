namespace Verigate.Server.Web.Sessions;

/// <summary>The pages' authentication: the same sessions as the API's bearer tokens, carried in an HttpOnly cookie.</summary>
public static class WebSession
{
    public const string Scheme = "WebSession";
    public const string Policy = "WebSession";
}
