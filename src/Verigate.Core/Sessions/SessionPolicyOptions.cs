namespace Verigate.Core.Sessions;

/// <summary>Session settings (configuration section <c>Sessions</c>).</summary>
public sealed class SessionPolicyOptions
{
    public const string Section = "Sessions";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A session unused this long ends, whatever its absolute lifetime left.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a remembered (trusted) device skips the sign-in code, counted from when it was trusted.</summary>
    public TimeSpan RememberDeviceFor { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How long after sign-in or re-authentication a session may make sensitive changes.</summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Validate()
    {
        // Longer than Lifetime is allowed and simply never ends a session first, so shortening Lifetime alone is enough.
        if (IdleTimeout < TimeSpan.FromMinutes(5) || IdleTimeout > TimeSpan.FromDays(400))
        {
            yield return "Sessions:IdleTimeout must be between 00:05:00 and 400.00:00:00.";
        }

        if (RememberDeviceFor < TimeSpan.FromHours(1) || RememberDeviceFor > TimeSpan.FromDays(400))
        {
            yield return "Sessions:RememberDeviceFor must be between 01:00:00 and 400.00:00:00.";
        }

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
