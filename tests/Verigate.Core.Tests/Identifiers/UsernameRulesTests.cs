using Verigate.Core.Identifiers;
using Verigate.Core.Results;

namespace Verigate.Core.Tests.Identifiers;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("al")]
    [InlineData("alice")]
    [InlineData("Alice_Smith.99")]
    [InlineData("a2345678901234567890123x")]
    [InlineData("007bond")]
    public void Valid_usernames_pass(string username) => Assert.Null(UsernameRules.Validate(username));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a23456789012345678901234x")]
    [InlineData("123456")]
    [InlineData("alice smith")]
    [InlineData("alice-smith")]
    [InlineData("alicé")]
    [InlineData("alice\n")]
    [InlineData("Admin")]
    [InlineData("SUPPORT")]
    [InlineData("verigate")]
    [InlineData("root")]
    public void Invalid_or_reserved_usernames_are_refused_with_the_field_named(string username)
    {
        var error = UsernameRules.Validate(username);

        Assert.Equal(ErrorCodes.InvalidUsername, error?.Code);
        Assert.Equal("username", error?.Field);
    }

    [Fact]
    public void Uniqueness_is_decided_case_insensitively() =>
        Assert.Equal(UsernameRules.Normalize("Alice.Smith"), UsernameRules.Normalize("aLICE.sMITH"));
}
