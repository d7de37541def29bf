using Verigate.Core.Destinations;

namespace Verigate.Delivery.Channels;

/// <summary>A message in its final form, ready for a channel. Contains the code: never log it.</summary>
public sealed record RenderedMessage(long OutboxId, Destination To, string? Subject, string Body);
