using System.Security.Cryptography;
using System.Text;
using OtpNet;
using Totp = Verigate.Core.TwoFactor.Totp;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Tests.TwoFactor;

public sealed class TotpTests
{
    // RFC 6238 Appendix B: the seed is ASCII "1234567890" repeated to the hash's key length.
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [Theory]
    [InlineData(59, "94287082", "46119246", "90693936")]
    [InlineData(1111111109, "07081804", "68084774", "25091201")]
    [InlineData(1111111111, "14050471", "67062674", "99943326")]
    [InlineData(1234567890, "89005924", "91819424", "93441116")]
    [InlineData(2000000000, "69279037", "90698825", "38618901")]
    [InlineData(20000000000, "65353130", "77737706", "47863826")]
    public void Matches_the_RFC_6238_appendix_B_vectors(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(sha1, Totp.Compute(Sha1Seed, step, 8));
        Assert.Equal(sha256, Totp.Compute(Sha256Seed, step, 8, HashAlgorithmName.SHA256));
        Assert.Equal(sha512, Totp.Compute(Sha512Seed, step, 8, HashAlgorithmName.SHA512));
    }

    [Fact]
    public void Agrees_with_an_independent_implementation_on_random_secrets_and_times()
    {
        for (var i = 0; i < 200; i++)
        {
            var secret = Totp.NewSecret();
            var at = DateTimeOffset.FromUnixTimeSeconds(RandomNumberGenerator.GetInt32(int.MaxValue));
            var theirs = new OtpNet.Totp(secret, step: 30, mode: OtpHashMode.Sha1, totpSize: 6).ComputeTotp(at.UtcDateTime);
            Assert.Equal(theirs, Totp.Compute(secret, Totp.StepAt(at)));
        }
    }

    [Fact]
    public void Base32_of_the_secret_decodes_to_the_same_bytes_in_the_independent_implementation()
    {
        for (var i = 0; i < 50; i++)
        {
            var secret = Totp.NewSecret();
            Assert.Equal(secret, Base32Encoding.ToBytes(Base32.Encode(secret)));
        }

        Assert.Equal(20, Totp.NewSecret().Length); // 160 bits
    }

    [Fact]
    public void Accepts_the_current_step_and_one_either_side_but_not_two_away()
    {
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = Totp.StepAt(now);
        Assert.Equal(step, Totp.Match(secret, Totp.Compute(secret, step), now, null));
        Assert.Equal(step - 1, Totp.Match(secret, Totp.Compute(secret, step - 1), now, null));
        Assert.Equal(step + 1, Totp.Match(secret, Totp.Compute(secret, step + 1), now, null));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, step - 2), now, null));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, step + 2), now, null));
    }

    [Fact]
    public void A_step_at_or_before_the_last_used_one_is_refused()
    {
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = Totp.StepAt(now);
        var code = Totp.Compute(secret, step);
        Assert.Null(Totp.Match(secret, code, now, step));
        Assert.Null(Totp.Match(secret, Totp.Compute(secret, step - 1), now, step - 1));
        Assert.Equal(step, Totp.Match(secret, code, now, step - 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are digits, but not ASCII ones
    [InlineData(" 12345")]
    public void Malformed_codes_never_match(string code)
    {
        Assert.False(Totp.IsWellFormed(code));
        Assert.Null(Totp.Match(Totp.NewSecret(), code, DateTimeOffset.UnixEpoch.AddYears(50), null));
    }
}
