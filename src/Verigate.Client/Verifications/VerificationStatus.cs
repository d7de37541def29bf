namespace Verigate.Client.Verifications;

/// <summary>The outcome of a check or a cancel.</summary>
/// <param name="Id">The verification id.</param>
/// <param name="Status"><c>approved</c> after a right code, <c>canceled</c> after a cancel.</param>
public sealed record VerificationStatus(string Id, string Status);

/// <summary>The answer to a resend.</summary>
/// <param name="Id">The verification id.</param>
/// <param name="Channel">Where the code went.</param>
/// <param name="ResendAvailableAt">When it may be sent again.</param>
public sealed record VerificationResent(string Id, string Channel, DateTimeOffset ResendAvailableAt);
