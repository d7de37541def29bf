namespace Verigate.Core.SupportPins;

/// <summary>A new support PIN, shown once to the person it belongs to.</summary>
public sealed record IssuedSupportPin(string Pin, DateTimeOffset ExpiresAt);
