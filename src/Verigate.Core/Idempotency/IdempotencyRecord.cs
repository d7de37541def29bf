
namespace Verigate.Core.Idempotency;

/// <summary>A request seen under an idempotency key; <see cref="StatusCode"/> is null while it is still running.</summary>
public sealed record IdempotencyRecord(byte[] RequestHash, int? StatusCode, string? ContentType, byte[]? Body);
