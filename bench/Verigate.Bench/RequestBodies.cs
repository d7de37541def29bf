using System.Text;

namespace Verigate.Bench;

/// <summary>
/// Writes the scenarios' JSON bodies straight into a connection's buffer. Every value written is ASCII the bench
/// made itself (a phone number, an address, digits), which needs no JSON escaping, so no writer object is needed.
/// </summary>
internal static class RequestBodies
{
    /// <summary><c>{"to":"…","channel":"…"[,"codeLength":n]}</c></summary>
    public static int StartVerification(Span<byte> buffer, string to, string channel, int codeLength)
    {
        var n = Append(buffer, 0, "{\"to\":\""u8);
        n += Encoding.ASCII.GetBytes(to, buffer[n..]);
        n += Append(buffer, n, "\",\"channel\":\""u8);
        n += Encoding.ASCII.GetBytes(channel, buffer[n..]);
        n += Append(buffer, n, "\""u8);
        if (codeLength > 0)
        {
            n += Append(buffer, n, ",\"codeLength\":"u8);
            n += ResponseJson.WriteNumber(codeLength, buffer[n..]);
        }

        return n + Append(buffer, n, "}"u8);
    }

    /// <summary><c>{"code":"…"}</c></summary>
    public static int Check(Span<byte> buffer, ReadOnlySpan<byte> code)
    {
        var n = Append(buffer, 0, "{\"code\":\""u8);
        code.CopyTo(buffer[n..]);
        n += code.Length;
        return n + Append(buffer, n, "\"}"u8);
    }

    private static int Append(Span<byte> buffer, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(buffer[at..]);
        return text.Length;
    }
}
