using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>
/// A message waiting to be sent, written in the same transaction as the state that caused it. A code message
/// holds no code: the dispatcher reads it from its challenge, and drops the message if the challenge has ended.
/// A notice with a <paramref name="LinkId"/> carries a single-use action link; the dispatcher reads its token
/// from the link while the link is open.
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
    string? LinkId = null);
