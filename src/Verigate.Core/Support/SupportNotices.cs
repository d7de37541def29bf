namespace Verigate.Core.Support;

/// <summary>The named value a support notice carries: which action (its wire name), so each language can say it in its own words.</summary>
public static class SupportNotices
{
    public const string ActionValue = "action";
}
