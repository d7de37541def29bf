using Verigate.Core.Destinations;

namespace Verigate.Core.Outbox;

/// <summary>
/// A message waiting to be sent, written in the same transaction as the state that caused it. A code message
/// holds no code: the dispatcher reads it from its challenge, and drops the message if the challenge has ended.
/// </summary>
public sealed record OutboxMessage(
    long Id,
    OutboxKind Kind,
    string? ChallengeId,
    Destination Destination,
    string Template,
    string Locale,
    DateTimeOffset CreatedAt,
    int Attempts = 0);
