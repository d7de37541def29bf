using Verigate.Core.Challenges;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Tests.TwoFactor;

public sealed class RecoveryCodeTests
{
    private readonly RecoveryCodes _codes = new(CodeHashKey.Generate());

    [Fact]
    public void A_set_has_ten_distinct_typeable_codes_of_fifty_bits()
    {
        var set = RecoveryCodes.Generate();
        Assert.Equal(10, set.Count);
        Assert.Equal(10, set.Distinct().Count());
        Assert.All(set, code =>
        {
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", code); // Crockford: no I, L, O, U
            Assert.True(RecoveryCodes.IsWellFormed(code));
        });
        Assert.True(RecoveryCodes.Symbols * 5 >= 50);
    }

    [Fact]
    public void Generated_symbols_cover_the_whole_alphabet()
    {
        var seen = string.Concat(Enumerable.Range(0, 40).SelectMany(_ => RecoveryCodes.Generate())).Replace("-", "", StringComparison.Ordinal).ToHashSet();
        Assert.Equal(32, seen.Count);
    }

    [Fact]
    public void Typing_variants_hash_alike_and_other_accounts_or_codes_differ()
    {
        var hash = _codes.Hash(42, "7KQ2M-XC41T")!;
        Assert.Equal(hash, _codes.Hash(42, "7kq2mxc41t"));
        Assert.Equal(hash, _codes.Hash(42, "7KQ2M XC4lT")); // l read as 1
        Assert.NotEqual(hash, _codes.Hash(43, "7KQ2M-XC41T"));
        Assert.NotEqual(hash, _codes.Hash(42, "7KQ2M-XC41V"));
        Assert.NotEqual(hash, new RecoveryCodes(CodeHashKey.Generate()).Hash(42, "7KQ2M-XC41T"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7KQ2M-XC41")]
    [InlineData("7KQ2M-XC41TT")]
    [InlineData("7KQ2M-XC4UT")] // U is not in the alphabet
    [InlineData("7KQ2M-XC4٣T")]
    public void Malformed_codes_have_no_hash(string typed)
    {
        Assert.False(RecoveryCodes.IsWellFormed(typed));
        Assert.Null(_codes.Hash(1, typed));
    }

    [Fact]
    public void Huge_input_is_refused_without_work()
    {
        Assert.Null(_codes.Hash(1, new string('-', 100_000) + "7KQ2M-XC41T"));
    }
}
