using PhoneNumbers;
using Verigate.Core.Destinations;
using Verigate.Core.Results;

namespace Verigate.Core.Tests.Destinations;

public sealed class DestinationParserTests
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    [Theory]
    [InlineData("+49 151 12345678", "+4915112345678")]
    [InlineData("  +4915112345678 ", "+4915112345678")]
    [InlineData("+1 (201) 555-0123", "+12015550123")]
    [InlineData("+44 7400 123456", "+447400123456")]
    public void Mobile_numbers_are_normalized_to_E164(string input, string expected)
    {
        var parsed = DestinationParser.ParsePhone(input, "to");

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(expected, parsed.Value.Value);
        Assert.Equal(Channel.Sms, parsed.Value.Channel);
    }

    [Theory]
    [InlineData("DE", PhoneNumberType.PREMIUM_RATE)]
    [InlineData("GB", PhoneNumberType.PREMIUM_RATE)]
    [InlineData("FR", PhoneNumberType.SHARED_COST)]
    [InlineData("US", PhoneNumberType.TOLL_FREE)]
    [InlineData("DE", PhoneNumberType.FIXED_LINE)]
    [InlineData("GB", PhoneNumberType.PAGER)]
    public void Numbers_that_cannot_receive_codes_or_cost_the_sender_are_refused(string region, PhoneNumberType type)
    {
        var example = Phones.GetExampleNumberForType(region, type);
        Assert.NotNull(example);
        var e164 = Phones.Format(example, PhoneNumberFormat.E164);

        var parsed = DestinationParser.ParsePhone(e164, "to");

        Assert.Equal(ErrorCodes.InvalidDestination, parsed.Error?.Code);
        Assert.Equal("to", parsed.Error?.Field);
    }

    [Theory]
    [InlineData("015112345678")]
    [InlineData("+49")]
    [InlineData("+99 1234 5678")]
    [InlineData("+4915112345678\r\nBcc: x")]
    [InlineData("not a number")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("+491511234567812345678901234567890")]
    public void Malformed_or_national_numbers_are_refused(string? input) =>
        Assert.Equal(ErrorCodes.InvalidDestination, DestinationParser.ParsePhone(input, "phone").Error?.Code);

    [Theory]
    [InlineData("Jane.Doe@Example.COM", "jane.doe@example.com")]
    [InlineData(" j+tag@example.co.uk ", "j+tag@example.co.uk")]
    [InlineData("ana@bücher.de", "ana@xn--bcher-kva.de")]
    public void Email_addresses_are_normalized(string input, string expected)
    {
        var parsed = DestinationParser.ParseEmail(input, "email");

        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        Assert.Equal(expected, parsed.Value.Value);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a@example")]
    [InlineData("a..b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a b@example.com")]
    [InlineData("a@exa mple.com")]
    [InlineData("a@example.com\r\nBcc: victim@example.com")]
    [InlineData("a@-example.com")]
    [InlineData("a@1.2.3.4")]
    public void Malformed_email_addresses_are_refused(string input) =>
        Assert.Equal(ErrorCodes.InvalidDestination, DestinationParser.ParseEmail(input, "email").Error?.Code);

    [Fact]
    public void A_login_with_an_at_sign_is_read_as_email_and_anything_else_as_a_phone()
    {
        Assert.Equal(Channel.Email, DestinationParser.ParseEither("a@example.com", "login").Value.Channel);
        Assert.Equal(Channel.Sms, DestinationParser.ParseEither("+4915112345678", "login").Value.Channel);
    }

    [Fact]
    public void Destinations_are_masked_for_display()
    {
        Assert.Equal("+49 ••• ••• 78", new Destination(Channel.Sms, "+4915112345678").Masked);
        Assert.Equal("j•••@e•••.com", new Destination(Channel.Email, "jane.doe@example.com").Masked);
        Assert.Equal("+1 ••• ••• 23", new Destination(Channel.Sms, "+12015550123").Masked);
        Assert.Equal("+4915112345678".Length - 4, new Destination(Channel.Sms, "+4915112345678").PhonePrefix!.Length);
    }
}
