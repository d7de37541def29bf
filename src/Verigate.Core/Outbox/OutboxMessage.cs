using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>
/// A message waiting to be sent, written in the same transaction as the state that caused it. A code message
/// holds no code: the dispatcher reads it from its challenge, and drops the message if the challenge has ended.
/// A notice with a <paramref name="LinkId"/> carries a single-use action link; the dispatcher reads its token
/// from the link while the link is open. <paramref name="Values"/> are the few named facts a notice's text fills in
/// (the device and time of a new sign-in); never a code, a secret or a full destination.
/// </summary>
public sealed record OutboxMessage(
    long Id,
    OutboxKind Kind,
    string? ChallengeId,
    Destination Destination,
    string Template,
    string Locale,
    DateTimeOffset CreatedAt,
    int Attempts = 0,
    string? LinkId = null,
    IReadOnlyDictionary<string, string>? Values = null);
