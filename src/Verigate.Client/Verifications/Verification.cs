namespace Verigate.Client.Verifications;

/// <summary>A started verification. The destination is masked; the code never appears in any answer.</summary>
/// <param name="Id">The verification id (<c>VE…</c>).</param>
/// <param name="Status">pending, approved, canceled, expired or max_attempts_reached.</param>
/// <param name="To">The masked destination.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Purpose">What the code is for.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="ResendAvailableAt">When it may be sent again.</param>
/// <param name="AttemptsRemaining">Checks left.</param>
public sealed record Verification(
    string Id, string Status, string To, string Channel, string Purpose, DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt, int AttemptsRemaining);
