using Verigate.Core.Challenges;
using Verigate.Core.Destinations;

namespace Verigate.Core.Tests.Challenges;

public sealed class CodeHasherTests
{
    private static readonly CodeHasher Hasher = new(CodeHashKey.Generate());

    private static Challenge Bound(ChallengePurpose purpose = ChallengePurpose.NewDeviceLogin, string subject = "1", string to = "+4915112345678", string id = "ch_1") => new()
    {
        Id = id,
        Purpose = purpose,
        Subject = new ChallengeSubject(SubjectKind.Account, subject),
        Destination = new Destination(Channel.Sms, to),
        CodeLength = 6,
        CodeHash = [],
        Status = ChallengeStatus.Pending,
        CreatedAt = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch,
        MaxAttempts = 5,
        MaxSends = 5,
        NextSendAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void A_code_matches_only_the_purpose_subject_destination_and_challenge_it_was_issued_for()
    {
        var original = Bound();
        var hashed = original with { CodeHash = Hasher.Hash(original, "012345") };

        Assert.True(Hasher.Matches(hashed, "012345"));
        Assert.False(Hasher.Matches(hashed, "012346"));
        Assert.False(Hasher.Matches(Bound(ChallengePurpose.PasswordReset) with { CodeHash = hashed.CodeHash }, "012345"));
        Assert.False(Hasher.Matches(Bound(subject: "2") with { CodeHash = hashed.CodeHash }, "012345"));
        Assert.False(Hasher.Matches(Bound(to: "+4915112345679") with { CodeHash = hashed.CodeHash }, "012345"));
        Assert.False(Hasher.Matches(Bound(id: "ch_2") with { CodeHash = hashed.CodeHash }, "012345"));
    }

    [Fact]
    public void Another_server_key_gives_another_hash_and_fingerprint()
    {
        var other = new CodeHasher(CodeHashKey.Generate());
        var c = Bound();

        Assert.NotEqual(Hasher.Hash(c, "123456"), other.Hash(c, "123456"));
        Assert.NotEqual(CodeHashKey.Generate().Fingerprint, CodeHashKey.Generate().Fingerprint);
    }

    [Fact]
    public void Keys_shorter_than_256_bits_are_refused() =>
        Assert.Throws<ArgumentException>(() => new CodeHashKey(new byte[31]));

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(10)]
    public void Generated_codes_have_the_asked_length_of_ascii_digits(int length)
    {
        var code = CodeGenerator.Generate(length);
        Assert.Equal(length, code.Length);
        Assert.All(code, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("0000", true)]
    [InlineData("123", false)]
    [InlineData("12345678901", false)]
    [InlineData("١٢٣٤٥٦", false)]
    [InlineData("１２３４５６", false)]
    [InlineData("12 345", false)]
    [InlineData(null, false)]
    public void Only_four_to_ten_ascii_digits_may_be_checked(string? code, bool accepted) =>
        Assert.Equal(accepted, CodeFormat.Validate(code) is null);
}
