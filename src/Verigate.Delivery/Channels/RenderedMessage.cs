using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>
/// A message in its final form, ready for a channel. Contains the code: never log it. <see cref="Html"/> is the
/// HTML alternative of <see cref="Body"/> for email; <see cref="Reference"/> (the challenge id, or null for a
/// notice) makes provider-side ids stable across redeliveries of the same outbox row.
/// </summary>
public sealed record RenderedMessage(long OutboxId, Destination To, string? Subject, string Body, string? Html = null, string? Reference = null);
