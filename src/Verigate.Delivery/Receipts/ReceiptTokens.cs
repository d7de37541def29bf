using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Challenges;

namespace Verigate.Delivery.Receipts;

/// <summary>
/// The secret in each delivery-report URL: an HMAC of the challenge and outbox row under a key derived from the
/// code-hash key (which is not in the database). Nobody can forge a report for a message they did not receive
/// the URL of, and a redelivery of the same row after a crash gets the same URL, so its earlier report still counts.
/// </summary>
public sealed class ReceiptTokens(CodeHashKey key)
{
    private readonly byte[] _key = HMACSHA256.HashData(key.Bytes, "verigate-delivery-receipts"u8);

    public string For(string challengeId, long outboxId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(challengeId + ":" + outboxId.ToString(CultureInfo.InvariantCulture))).AsSpan(0, 16));

    public bool IsValid(string challengeId, long outboxId, string token) =>
        token.Length == 32 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(challengeId, outboxId)), Encoding.ASCII.GetBytes(token));
}
