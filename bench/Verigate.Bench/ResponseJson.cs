using System.Buffers.Text;
using System.Text.Json;

namespace Verigate.Bench;

/// <summary>
/// Reads the few values the scenarios need straight from the response bytes with <see cref="Utf8JsonReader"/>:
/// no DOM and no deserialized objects, because the driver's CPU is taken from the server it measures.
/// </summary>
internal static class ResponseJson
{
    /// <summary>A string member of the top-level object, or null.</summary>
    public static string? String(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        return Seek(ref reader, name, depth: 1) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>Whether a top-level string member equals <paramref name="expected"/>, without allocating it.</summary>
    public static bool StringEquals(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> expected)
    {
        var reader = new Utf8JsonReader(json);
        return Seek(ref reader, name, depth: 1) && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expected);
    }

    /// <summary>A whole-number member of the top-level object, or -1.</summary>
    public static int Int(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(json);
        return Seek(ref reader, name, depth: 1) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : -1;
    }

    /// <summary>
    /// Copies the code of the newest development-inbox message (the array's first element) into
    /// <paramref name="destination"/> and returns its length, or 0 while the message has not arrived. The SMS body
    /// ends with the origin-bound line <c>@host #123456</c>; the email text has the code alone on a line indented by
    /// four spaces. '#', spaces and digits are never escaped in JSON, so the raw (still escaped) string bytes can be
    /// searched as they are.
    /// </summary>
    public static int InboxCode(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        var reader = new Utf8JsonReader(json);
        if (!Seek(ref reader, "body"u8, depth: 2) || reader.TokenType != JsonTokenType.String)
        {
            return 0;
        }

        var body = reader.ValueSpan;
        var hash = body.LastIndexOf((byte)'#');
        var indent = body.IndexOf("    "u8);
        var start = hash >= 0 ? hash + 1 : indent >= 0 ? indent + 4 : -1;
        if (start < 0)
        {
            return 0;
        }

        var digits = body[start..];
        var length = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        length = length < 0 ? digits.Length : length;
        if (length == 0 || length > destination.Length)
        {
            return 0;
        }

        digits[..length].CopyTo(destination);
        return length;
    }

    /// <summary>Writes a non-negative number as ASCII digits; returns how many bytes it took.</summary>
    public static int WriteNumber(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out var written) ? written : throw new ArgumentException("The buffer is too small.", nameof(destination));

    // Moves the reader onto the value of the first property called name at the given depth (1 = the top-level object, 2 = an object inside it or inside the top-level array).
    private static bool Seek(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, int depth)
    {
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth && reader.ValueTextEquals(name))
                {
                    return reader.Read();
                }
            }
        }
        catch (JsonException)
        {
            // A truncated or non-JSON answer simply has no such member; the caller reports the status and body.
        }

        return false;
    }
}
