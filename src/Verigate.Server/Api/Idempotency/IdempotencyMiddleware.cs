using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;
using Verigate.Core.Idempotency;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs that send messages: the same key with the same body replays the first
/// answer and sends nothing; the same key with another body is 422 <c>idempotency_key_reused</c>; a retry while
/// the first is still running is 409. Keys are scoped to the caller's credentials (an anonymous caller's IP
/// address and user agent) and the path, and only successful answers are kept (a failed request sent nothing, so
/// it may be retried with the same key) — and never one that carries a credential (see <see cref="IdempotentSend"/>).
/// </summary>
/// <remarks>
/// The request is remembered only as an HMAC under a server key, never a plain hash: a sign-in's body holds a
/// password, and an unkeyed SHA-256 of it in the store could be brute-forced from a backup.
/// </remarks>
public sealed class IdempotencyMiddleware(RequestDelegate next, IStore store, TimeProvider time, CodeHashKey serverKey)
{
    private readonly byte[] _requestKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, serverKey.Bytes, 32, salt: [], info: "verigate-idempotency-v1"u8.ToArray());

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        var send = context.GetEndpoint()?.Metadata.GetMetadata<IdempotentSend>();
        if (!HttpMethods.IsPost(context.Request.Method) || send is null || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await ProblemResults.WriteAsync(context, Error.InvalidRequest(Header, $"{Header} must be 1-{MaxKeyLength} visible ASCII characters."));
            return;
        }

        var body = await ReadBoundedAsync(context.Request);
        context.Request.Body = new MemoryStream(body, writable: false);
        var ct = context.RequestAborted;
        var scope = Scope(context);
        byte[] signed = [.. Encoding.UTF8.GetBytes(scope + "\n"), .. body];
        var requestHash = HMACSHA256.HashData(_requestKey, signed);

        IdempotencyRecord? seen;
        await using (var tx = await store.BeginWriteAsync(ct))
        {
            seen = await tx.Idempotency.TryBeginAsync(scope, key, requestHash, time.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        if (seen is not null)
        {
            await AnswerSeenAsync(context, seen, requestHash);
            return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var succeeded = false;
        try
        {
            await next(context);
            succeeded = context.Response.StatusCode is >= 200 and < 300 && context.Response.StatusCode != send.CredentialStatus;
        }
        finally
        {
            context.Response.Body = original;
            await using var tx = await store.BeginWriteAsync(CancellationToken.None);
            if (succeeded)
            {
                await tx.Idempotency.CompleteAsync(scope, key, context.Response.StatusCode, context.Response.ContentType, captured.ToArray(), CancellationToken.None);
            }
            else
            {
                await tx.Idempotency.AbandonAsync(scope, key, CancellationToken.None);
            }

            await tx.CommitAsync(CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, ct);
    }

    private static async Task AnswerSeenAsync(HttpContext context, IdempotencyRecord seen, byte[] requestHash)
    {
        if (!CryptographicOperations.FixedTimeEquals(seen.RequestHash, requestHash))
        {
            await ProblemResults.WriteAsync(context, new Error(ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was already used with a different request."));
            return;
        }

        if (seen.StatusCode is not { } status)
        {
            await ProblemResults.WriteAsync(context, new Error(ErrorCodes.IdempotencyKeyInUse,
                "A request with this Idempotency-Key is still being processed.", RetryAfter: TimeSpan.FromSeconds(1)));
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = seen.ContentType;
        context.Response.Headers[ReplayedHeader] = "true";
        if (seen.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    /// <summary>
    /// Keys belong to whoever presented the same credentials, on one path. Anonymous callers have none, so theirs
    /// belong to the address and user agent they call from: another caller who sends the same key and body gets
    /// an answer of their own, not the first caller's challenge.
    /// </summary>
    private static string Scope(HttpContext context)
    {
        var credentials = context.Request.Headers.Authorization.ToString();
        var caller = credentials.Length > 0
            ? credentials
            : $"anonymous\n{context.Connection.RemoteIpAddress}\n{context.Request.Headers.UserAgent}";
        return $"{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(caller)))[..22]} {context.Request.Path}";
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0 && buffer.Length <= JsonBody.MaxBytes)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
