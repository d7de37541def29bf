
namespace Verigate.Core.Idempotency;

/// <summary>Remembered responses of POSTs sent with an <c>Idempotency-Key</c>.</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims the key for a new request; returns the existing record instead if the key was seen.</summary>
    Task<IdempotencyRecord?> TryBeginAsync(string scope, string key, byte[] requestHash, DateTimeOffset now, CancellationToken ct);

    Task CompleteAsync(string scope, string key, int statusCode, string? contentType, byte[] body, CancellationToken ct);

    /// <summary>Forgets a claimed key whose request failed, so the client can retry with it.</summary>
    Task AbandonAsync(string scope, string key, CancellationToken ct);
}
