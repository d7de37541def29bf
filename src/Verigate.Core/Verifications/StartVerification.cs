namespace Verigate.Core.Verifications;

/// <summary>A Verify API start request as the integrator sent it (validated by <see cref="VerificationService"/>).</summary>
public sealed record StartVerification(string? To, string? Channel, string? Purpose, string? Locale, int? CodeLength, string? ClientIp);
