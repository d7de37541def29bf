namespace Verigate.Core.Staff;

/// <summary>The support console's sessions and links (configuration section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A console session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A console session ends this long after sign-in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a new staff member's setup link works.</summary>
    public TimeSpan SetupLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a caller verified by support PIN counts as verified for the agent who checked it.</summary>
    public TimeSpan CallerVerifiedFor { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<string> Validate()
    {
        if (IdleTimeout < TimeSpan.FromMinutes(1) || IdleTimeout > TimeSpan.FromHours(12))
        {
            yield return $"Console:IdleTimeout must be between 00:01:00 and 12:00:00 (now {IdleTimeout}).";
        }

        if (AbsoluteTimeout < IdleTimeout || AbsoluteTimeout > TimeSpan.FromDays(7))
        {
            yield return $"Console:AbsoluteTimeout must be at least Console:IdleTimeout and at most 7.00:00:00 (now {AbsoluteTimeout}).";
        }

        if (SetupLinkLifetime < TimeSpan.FromMinutes(10) || SetupLinkLifetime > TimeSpan.FromDays(7))
        {
            yield return $"Console:SetupLinkLifetime must be between 00:10:00 and 7.00:00:00 (now {SetupLinkLifetime}).";
        }

        if (CallerVerifiedFor < TimeSpan.FromMinutes(1) || CallerVerifiedFor > TimeSpan.FromHours(2))
        {
            yield return $"Console:CallerVerifiedFor must be between 00:01:00 and 02:00:00 (now {CallerVerifiedFor}).";
        }
    }
}
