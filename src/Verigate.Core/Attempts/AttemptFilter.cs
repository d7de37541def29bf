using Verigate.Core.Destinations;

namespace Verigate.Core.Attempts;

/// <summary>Which of one API key's verifications to count or list: started in [From, To), optionally narrowed.</summary>
/// <param name="ApiKeyId">The calling key: a key only ever sees its own verifications.</param>
/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
/// <param name="Channel">Only this channel, when set.</param>
/// <param name="Country">ISO 3166-1 alpha-2 of the destination's numbering plan (SMS only).</param>
/// <param name="Prefix">The start of an E.164 number ("+4915"), as the per-prefix limits see numbers.</param>
public sealed record AttemptFilter(
    string ApiKeyId, DateTimeOffset From, DateTimeOffset To, Channel? Channel = null, string? Country = null, string? Prefix = null);
