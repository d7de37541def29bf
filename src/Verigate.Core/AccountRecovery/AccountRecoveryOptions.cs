namespace Verigate.Core.AccountRecovery;

/// <summary>Account recovery for a lost second factor (configuration section <c>TwoFactor</c>).</summary>
public sealed class AccountRecoveryOptions
{
    public const string Section = "TwoFactor";

    /// <summary>
    /// How long a recovery request waits before it removes the second factor: the time every verified contact has to
    /// notice and cancel it. Large consumer services wait days; under a day a stolen password would be enough.
    /// </summary>
    public TimeSpan RecoveryWaitingPeriod { get; set; } = TimeSpan.FromHours(72);

    public IEnumerable<string> Validate()
    {
        if (RecoveryWaitingPeriod < TimeSpan.FromHours(24) || RecoveryWaitingPeriod > TimeSpan.FromDays(30))
        {
            yield return $"TwoFactor:RecoveryWaitingPeriod must be between 1.00:00:00 and 30.00:00:00 (now {RecoveryWaitingPeriod}).";
        }
    }
}
