namespace Verigate.Core.DeliveryHealth;

/// <summary>
/// The mailbox providers delivery health reads email per: a handful of large ones by their domains, everyone else as
/// <c>other</c>. A group names a provider, never a person, so it may be shown where an address may not.
/// </summary>
public static class EmailDomainGroups
{
    public const string Other = "other";

    /// <summary>Group name, then the domains (lower case) that belong to it.</summary>
    public static readonly IReadOnlyList<(string Group, string[] Domains)> Groups =
    [
        ("gmail.com", ["gmail.com", "googlemail.com"]),
        ("outlook.com", ["outlook.com", "hotmail.com", "live.com", "msn.com"]),
        ("yahoo.com", ["yahoo.com", "ymail.com"]),
        ("icloud.com", ["icloud.com", "me.com", "mac.com"]),
        ("gmx", ["gmx.de", "gmx.net", "gmx.at", "gmx.com"]),
        ("web.de", ["web.de"]),
        ("proton.me", ["proton.me", "protonmail.com", "pm.me"]),
    ];

    /// <summary>The group of an email address; <see cref="Other"/> for any other domain.</summary>
    public static string Of(string address)
    {
        var at = address.LastIndexOf('@');
        var domain = at < 0 ? string.Empty : address[(at + 1)..].ToLowerInvariant();
        foreach (var (group, domains) in Groups)
        {
            if (domains.Contains(domain, StringComparer.Ordinal))
            {
                return group;
            }
        }

        return Other;
    }
}
