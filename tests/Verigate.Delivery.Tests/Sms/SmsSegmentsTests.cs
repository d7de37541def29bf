using Verigate.Delivery.Sms;

namespace Verigate.Delivery.Tests.Sms;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_text_takes_160_characters_in_one_part_and_153_per_part_when_split(int length, int parts) =>
        Assert.Equal(parts, SmsSegments.Count(new string('a', length)));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void One_character_outside_gsm7_makes_it_ucs2_with_70_and_67_per_part(int length, int parts)
    {
        var text = "ж" + new string('a', length - 1);

        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.EncodingOf(text));
        Assert.Equal(parts, SmsSegments.Count(text));
    }

    [Fact]
    public void Extension_characters_count_twice_and_accented_latin_letters_of_gsm7_stay_gsm7()
    {
        Assert.Equal(2, SmsSegments.Gsm7Length("€"));
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.EncodingOf("Größe ÄÖÜ é @ #123456"));
        Assert.Equal(2, SmsSegments.Count(new string('a', 159) + "{"));
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.EncodingOf("ç"));
    }

    [Fact]
    public void Fitting_drops_optional_sentences_from_the_least_important_and_never_touches_the_last_line()
    {
        var head = "123456 is your code.";
        var tail = "\n\n@example.com #123456";
        var optional = new[] { " Never share it.", " " + new string('x', 300) };

        var two = SmsText.Fit(head, optional, tail, 2);
        var one = SmsText.Fit(head, [" " + new string('y', 200)], tail, 1);

        Assert.Equal(head + " Never share it." + tail, two);
        Assert.Equal(head + tail, one);
        Assert.EndsWith("@example.com #123456", SmsText.Fit(new string('h', 400), optional, tail, 1), StringComparison.Ordinal);
    }
}
