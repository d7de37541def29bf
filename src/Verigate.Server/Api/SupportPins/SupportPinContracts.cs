namespace Verigate.Server.Api.SupportPins;

/// <summary>A new support PIN, shown once: the person reads it to a support agent before <c>expiresAt</c>.</summary>
public sealed record SupportPinResponse(string Pin, DateTime ExpiresAt);
