namespace Verigate.Core.VerifyServices;

/// <summary>One configured service (<c>VerifyApi:Services:&lt;name&gt;</c>).</summary>
public sealed class VerifyServiceSettings
{
    public string? Sid { get; set; }
    public string? FriendlyName { get; set; }
    public int CodeLength { get; set; } = 6;
    public string Locale { get; set; } = "en";
}
