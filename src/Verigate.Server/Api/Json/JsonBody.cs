using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Verigate.Core.Results;

namespace Verigate.Server.Api.Json;

/// <summary>
/// Reads a request body as JSON, turning every way it can be wrong — wrong content type, too large, not JSON,
/// a wrong type in a field, null — into a 400 <c>invalid_request</c> naming the field, never an exception.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>Like <see cref="ReadAsync{T}"/>, but a request with no body at all means <paramref name="empty"/>.</summary>
    public static Task<Result<T>> ReadOptionalAsync<T>(HttpContext context, T empty)
        where T : class =>
        context.Request.ContentLength is 0 || (context.Request.ContentLength is null && !context.Request.Headers.ContainsKey("Content-Type")
            && !context.Request.Headers.ContainsKey("Transfer-Encoding"))
            ? Task.FromResult(Result<T>.Success(empty))
            : ReadAsync<T>(context);

    public static async Task<Result<T>> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Error.InvalidRequest("body", "Send a JSON object with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        // One pooled buffer a byte larger than the limit: filling it means "too large" without reading on.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        var length = 0;
        try
        {
            int read;
            while (length <= MaxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            if (length > MaxBytes)
            {
                return TooLarge();
            }

            if (length == 0)
            {
                return Error.InvalidRequest("body", "The request body is empty; send a JSON object.");
            }

            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), options) is { } value
                ? value
                : Error.InvalidRequest("body", "The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Error.InvalidRequest(field, field == "body" ? "The request body is not a valid JSON object." : $"'{field}' has the wrong type or is malformed.");
        }
        finally
        {
            // Bodies carry codes and passwords: wipe what was read before the buffer serves another request.
            buffer.AsSpan(0, length).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Error TooLarge() => Error.InvalidRequest("body", $"The request body is larger than {MaxBytes} bytes.");
}
