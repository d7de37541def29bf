namespace Verigate.Core.ApiKeys;

/// <summary>An integrator's key for the Verify API; only the hash of the secret is kept.</summary>
public sealed record ApiKey(string Id, string Name, byte[] KeyHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);
