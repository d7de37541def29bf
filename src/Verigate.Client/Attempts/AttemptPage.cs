namespace Verigate.Client.Attempts;

/// <summary>A page of attempts, newest first.</summary>
/// <param name="Attempts">The verifications on this page.</param>
/// <param name="NextCursor">Pass it to get the next (older) page; null on the last.</param>
public sealed record AttemptPage(IReadOnlyList<Attempt> Attempts, string? NextCursor);

/// <summary>One verification as the attempts API reports it.</summary>
/// <param name="VerificationId">The verification id.</param>
/// <param name="To">The masked destination.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Country">The destination's country (SMS), or null.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Converted">Whether it was approved.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="Sends">Messages sent.</param>
/// <param name="Checks">Codes checked.</param>
/// <param name="ServiceSid">The Twilio-compatible service it was started under, or null.</param>
public sealed record Attempt(
    string VerificationId, string To, string Channel, string? Country, string Status, bool Converted, DateTimeOffset CreatedAt, int Sends, int Checks,
    string? ServiceSid);
