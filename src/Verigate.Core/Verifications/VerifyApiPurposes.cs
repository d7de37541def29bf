using System.Collections.Frozen;

namespace Verigate.Core.Verifications;

/// <summary>The purposes an integrator may name, so every message can say in words what its code is for.</summary>
public static class VerifyApiPurposes
{
    public const string Default = "verify";

    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(
        [Default, "login", "signup", "password_reset", "contact_change", "two_factor", "link_account", "transaction"]);
}
