namespace Verigate.Core.Staff;

/// <summary>A new staff member's single-use setup link token and when it stops working.</summary>
public sealed record StaffSetupLink(StaffMember Staff, string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>Where the setup page lives, under the public base URL: <c>console/setup/{token}</c>.</summary>
    public const string PagePath = "console/setup/";

    public const string TokenPrefix = "vgs_";
}
