namespace Verigate.Core.Outbox;

/// <summary>A message as the built-in development inbox keeps it (its final rendered form).</summary>
public sealed record DevMessage(long Id, long OutboxId, string Channel, string To, string? Subject, string Body, DateTimeOffset CreatedAt);
