namespace Verigate.Core.Sessions;

/// <summary>Session settings (configuration section <c>Sessions</c>).</summary>
public sealed class SessionPolicyOptions
{
    public const string Section = "Sessions";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after sign-in or re-authentication a session may make sensitive changes.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Validate()
    {
        if (Lifetime < TimeSpan.FromMinutes(5) || Lifetime > TimeSpan.FromDays(400))
        {
            yield return "Sessions:Lifetime must be between 00:05:00 and 400.00:00:00.";
        }

        if (FreshFor < TimeSpan.FromMinutes(1) || FreshFor > TimeSpan.FromHours(1))
        {
            yield return "Sessions:FreshFor must be between 00:01:00 and 01:00:00.";
        }
    }
}
