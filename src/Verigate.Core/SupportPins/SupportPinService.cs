using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.SupportPins;

/// <summary>
/// Creates support PINs for the signed-in person and checks them for a later support console. A PIN is 6 uniform
/// digits from <see cref="RandomNumberGenerator"/>, valid 10 minutes, stored as HMAC(code-hash key, user, PIN), so a
/// copied table gives nothing to test guesses against. A check is single-use: the right PIN works once, and five
/// wrong ones end it, because an agent asks once per call.
/// </summary>
public sealed class SupportPinService(IStore store, CodeHashKey key, RateLimiter limiter, TimeProvider time)
{
    public const int Digits = 6;
    public const int MaxAttempts = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>At most 5 PINs per account per hour: enough for a call that goes wrong, useless for churning.</summary>
    public static readonly RateLimit PerAccount = new(5, TimeSpan.FromHours(1));

    /// <summary>The rate-limit counter of an account's PINs.</summary>
    public static string LimitKey(long userId) => "support-pin:account:" + userId.ToString(CultureInfo.InvariantCulture);

    public async Task<Result<IssuedSupportPin>> CreateAsync(long userId, ClientContext client, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        if (await tx.Accounts.GetAsync(userId, ct) is null)
        {
            return new Error(ErrorCodes.Unauthorized, "Sign in again.");
        }

        if (await limiter.TryChargeAsync(tx, [new RateLimitCharge(LimitKey(userId), PerAccount)], ct) is { } limited)
        {
            return limited;
        }

        var pin = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var expiresAt = now + Lifetime;
        await tx.SupportPins.ReplaceAsync(new SupportPin(userId, Hash(userId, pin), now, expiresAt), ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SupportPinCreated, userId, ClientIp: client.Ip), ct);
        await tx.CommitAsync(ct);
        return new IssuedSupportPin(pin, expiresAt);
    }

    /// <summary>
    /// For the support console: true once for the right, unexpired PIN of <paramref name="userId"/>, which is then
    /// used up. Every check is counted before comparing and audited (<paramref name="actor"/> names the agent).
    /// </summary>
    public async Task<bool> VerifyAsync(long userId, string pin, string actor, CancellationToken ct)
    {
        if (pin is not { Length: Digits } || !pin.All(char.IsAsciiDigit))
        {
            return false;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var now = time.GetUtcNow();
        var open = await tx.SupportPins.TryCountAttemptAsync(userId, now, MaxAttempts, ct);
        var right = open is not null && CryptographicOperations.FixedTimeEquals(Hash(userId, pin), open.PinHash)
            && await tx.SupportPins.TryUseAsync(userId, open.CreatedAt, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SupportPinChecked, userId, Actor: actor, Detail: right ? "result=match" : "result=no_match"), ct);
        await tx.CommitAsync(ct);
        return right;
    }

    // Bound to the account: the same digits for another person hash differently.
    private byte[] Hash(long userId, string pin) =>
        HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes($"verigate-support-pin-v1\n{userId.ToString(CultureInfo.InvariantCulture)}\n{pin}"));
}
