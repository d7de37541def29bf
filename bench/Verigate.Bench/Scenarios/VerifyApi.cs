namespace Verigate.Bench.Scenarios;

/// <summary>The Verify API's routes and the answers the scenarios look for.</summary>
internal static class VerifyApi
{
    public static readonly Uri Verifications = new("/v1/verifications", UriKind.Relative);

    public static Uri Check(string id) => new("/v1/verifications/" + id + "/check", UriKind.Relative);

    public static Uri Get(string id) => new("/v1/verifications/" + id, UriKind.Relative);

    /// <summary>The development inbox, filtered to one destination ('+' must be escaped in a query).</summary>
    public static Uri Inbox(string to) => new("/v1/dev/messages?to=" + Uri.EscapeDataString(to), UriKind.Relative);
}
