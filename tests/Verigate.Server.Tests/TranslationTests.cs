using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Verigate.Server.Web.Shared;

namespace Verigate.Server.Tests;

/// <summary>
/// The pages' texts as they ship (the satellite assemblies, not the .resx files): every English text exists in
/// Spanish and German, none is left empty, and each keeps the English text's placeholders. A text missing in one
/// language would quietly fall back to English mid-page; a lost placeholder would drop a name or a number from it.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly ResourceManager Texts = new(typeof(Text).FullName!, typeof(Text).Assembly);

    private static Dictionary<string, string> TextsIn(CultureInfo culture) =>
        (Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No texts ship for '{culture.Name}'."))
        .Cast<DictionaryEntry>()
        .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);

    private static string[] PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("es")]
    [InlineData("de")]
    public void Every_text_is_translated_with_the_same_placeholders(string language)
    {
        var english = TextsIn(CultureInfo.InvariantCulture);
        var translated = TextsIn(CultureInfo.GetCultureInfo(language));

        Assert.True(english.Count > 500, $"Only {english.Count} English texts were found; is the resource name right?");
        Assert.Empty(english.Keys.Except(translated.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key));
        Assert.Empty(english.Keys
            .Where(key => !PlaceholdersOf(english[key]).SequenceEqual(PlaceholdersOf(translated[key])))
            .Select(key => $"{key}: '{english[key]}' / '{translated[key]}'"));
    }

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
