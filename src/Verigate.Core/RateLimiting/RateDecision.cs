namespace Verigate.Core.RateLimiting;

/// <summary>The outcome of one GCRA evaluation.</summary>
public readonly record struct RateDecision(bool Allowed, DateTimeOffset NewTat, TimeSpan RetryAfter);
