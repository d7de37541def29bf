using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verigate.Client.Webhooks;

/// <summary>
/// Checks Standard Webhooks signatures: <c>webhook-signature</c> holds one or more <c>v1,&lt;base64&gt;</c> values, each an
/// HMAC-SHA256 of <c>"{webhook-id}.{webhook-timestamp}.{body}"</c> under the endpoint's secret (<c>whsec_&lt;base64&gt;</c>).
/// Several values appear while a secret is being rotated; any one matching is enough.
/// </summary>
public sealed class WebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>A verifier for one endpoint's secret.</summary>
    /// <param name="secret">The endpoint's secret, <c>whsec_</c> and base64.</param>
    /// <param name="tolerance">How far the timestamp may be from now (default 5 minutes).</param>
    /// <param name="time">The clock (default: the system's).</param>
    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            _key = Convert.FromBase64String(encoded);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("A webhook secret is 'whsec_' followed by base64.", nameof(secret), e);
        }

        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How far a webhook's timestamp may be from now.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>Checks one delivery with the values of its three headers and its raw body.</summary>
    /// <param name="id">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header (Unix seconds).</param>
    /// <param name="signature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The body exactly as received.</param>
    public WebhookCheck Verify(string? id, string? timestamp, string? signature, string body)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signature) || body is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookCheck.Malformed;
        }

        if ((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return WebhookCheck.OutsideTolerance;
        }

        var expected = Hmac(id, timestamp!, body);
        foreach (var value in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (value.StartsWith("v1,", StringComparison.Ordinal) && TryDecode(value[3..]) is { } presented
                && CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                return WebhookCheck.Valid;
            }
        }

        return WebhookCheck.BadSignature;
    }

    /// <summary>The <c>webhook-signature</c> value for a delivery (for tests and for senders).</summary>
    /// <param name="id">The webhook id.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="body">The body.</param>
    public string Sign(string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hmac(id, timestamp.ToString(CultureInfo.InvariantCulture), body));

    private byte[] Hmac(string id, string timestamp, string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));

    private static byte[]? TryDecode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
