namespace Verigate.Delivery.Fallback;

/// <summary>
/// The fallback ladder (configuration section <c>Delivery:Fallback</c>): when an account's SMS is rejected, reported
/// undelivered, or not confirmed within <see cref="ConfirmWithin"/>, the same code goes to its verified email.
/// </summary>
public sealed class FallbackOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long an SMS may stay unconfirmed before the email goes out; zero waits for failures only.</summary>
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Validate()
    {
        if (ConfirmWithin < TimeSpan.Zero || ConfirmWithin > TimeSpan.FromMinutes(30))
        {
            yield return "Delivery:Fallback:ConfirmWithin must be between 00:00:00 (failures only) and 00:30:00.";
        }
    }
}
