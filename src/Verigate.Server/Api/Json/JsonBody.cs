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

        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Error.InvalidRequest("body", "The request body is empty; send a JSON object.");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options) is { } value
                ? value
                : Error.InvalidRequest("body", "The request body must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Error.InvalidRequest(field, field == "body" ? "The request body is not a valid JSON object." : $"'{field}' has the wrong type or is malformed.");
        }
    }

    private static Error TooLarge() => Error.InvalidRequest("body", $"The request body is larger than {MaxBytes} bytes.");
}
