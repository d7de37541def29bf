namespace Verigate.Client.Verifications;

/// <summary>A verification with its delivery timeline.</summary>
/// <param name="Id">The verification id.</param>
/// <param name="Status">pending, approved, canceled, expired or max_attempts_reached.</param>
/// <param name="To">The masked destination.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Purpose">What the code is for.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="AttemptsRemaining">Checks left.</param>
/// <param name="Deliveries">What happened to each message, oldest first.</param>
public sealed record VerificationDetails(
    string Id, string Status, string To, string Channel, string Purpose, DateTimeOffset ExpiresAt, int AttemptsRemaining,
    IReadOnlyList<VerificationDelivery> Deliveries);

/// <summary>One step of a message's delivery.</summary>
/// <param name="Channel">sms or email.</param>
/// <param name="Status">queued, sent, accepted, delivered, failed or dropped.</param>
/// <param name="At">When.</param>
/// <param name="Detail">What it means, in words.</param>
public sealed record VerificationDelivery(string Channel, string Status, DateTimeOffset At, string? Detail);
