using Verigate.Core.Accounts;
using Verigate.Core.Results;

namespace Verigate.Core.Tests.Accounts;

public sealed class PasswordTests
{
    private static readonly PasswordHasher Hasher = new();

    [Fact]
    public void A_hash_verifies_its_password_only_and_records_scheme_and_iterations()
    {
        var hash = Hasher.Hash("correct horse battery staple");

        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        Assert.True(Hasher.Verify("correct horse battery staple", hash));
        Assert.False(Hasher.Verify("correct horse battery stapler", hash));
        Assert.NotEqual(hash, Hasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void Unicode_passwords_verify_whichever_normal_form_was_typed()
    {
        var hash = Hasher.Hash("caf\u00e9 au lait!");

        Assert.True(Hasher.Verify("cafe\u0301 au lait!", hash));
    }

    [Fact]
    public void The_decoy_check_never_succeeds_and_malformed_hashes_never_verify()
    {
        Assert.False(Hasher.VerifyDecoy("anything"));
        Assert.False(Hasher.Verify("x", "md5$abc"));
    }

    [Theory]
    [InlineData("short1!")]
    [InlineData("password123")]
    [InlineData("Qwertyuiop")]
    [InlineData("my alice password")]
    [InlineData("tab\there-long")]
    public void Weak_passwords_are_refused(string password) =>
        Assert.Equal(ErrorCodes.WeakPassword, PasswordPolicy.Validate(password, "alice")?.Code);

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("8 chars!")]
    [InlineData("ünïcödé-pässwörd")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑")]
    public void Long_or_unusual_passwords_are_accepted_without_composition_rules(string password) =>
        Assert.Null(PasswordPolicy.Validate(password, "alice"));

    [Fact]
    public void Passwords_over_256_characters_are_refused() =>
        Assert.Equal(ErrorCodes.WeakPassword, PasswordPolicy.Validate(new string('x', 257), null)?.Code);
}
