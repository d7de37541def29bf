using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Verigate.Delivery.Templates;

/// <summary>
/// Every message text by language and key: the built-in English, Spanish and German, overridden or extended from
/// <see cref="TemplateOptions.Folder"/> (read once, at start-up). A language is chosen from a locale's first
/// subtag ("de-CH" → "de"); an unknown language, or a key a language lacks, falls back to English.
/// </summary>
public sealed class TemplateCatalog
{
    /// <summary>Keys a template file may have, with the placeholders it must keep.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Keys = EnglishTemplates.Texts.Keys.ToDictionary(
        k => k,
        k => k switch
        {
            "sms.code" or "email.code.body" or "sms.service_code" or "email.service_code.body" => ["{code}"],
            "sms.report" => ["{reportUrl}"],
            _ => Array.Empty<string>(),
        });

    private readonly Dictionary<string, Dictionary<string, string>> _languages = new(StringComparer.Ordinal)
    {
        ["en"] = new(EnglishTemplates.Texts),
        ["es"] = new(SpanishTemplates.Texts),
        ["de"] = new(GermanTemplates.Texts),
    };

    public TemplateCatalog(IOptions<DeliveryOptions> options)
    {
        var folder = options.Value.Templates.Folder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        foreach (var (language, key, text) in ReadFolder(folder).Texts)
        {
            (_languages.TryGetValue(language, out var texts) ? texts : _languages[language] = new(StringComparer.Ordinal))[key] = text;
        }
    }

    public string LanguageOf(string? locale)
    {
        var language = (locale ?? "en").Split('-', '_')[0].ToLowerInvariant();
        return _languages.ContainsKey(language) ? language : "en";
    }

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/> with its placeholders filled in.</summary>
    public string Render(string language, string key, IReadOnlyDictionary<string, string> values)
    {
        var text = _languages[language].TryGetValue(key, out var found) ? found : _languages["en"][key];
        var result = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            result.Replace("{" + name + "}", value);
        }

        return result.ToString();
    }

    public bool Has(string language, string key) => _languages[language].ContainsKey(key) || _languages["en"].ContainsKey(key);

    /// <summary>Reads <c>{language}/{key}.txt</c> files, reporting every file that is not a known key or lacks a required placeholder.</summary>
    internal static (List<(string Language, string Key, string Text)> Texts, List<string> Errors) ReadFolder(string folder)
    {
        var texts = new List<(string, string, string)>();
        var errors = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var language = Path.GetFileName(directory);
            if (language.Length is < 2 or > 3 || !language.All(char.IsAsciiLetterLower))
            {
                errors.Add($"Delivery:Templates:Folder: '{language}' is not a language code (use lower-case ISO 639-1, such as 'fr').");
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*.txt"))
            {
                var key = Path.GetFileNameWithoutExtension(file);
                if (!Keys.TryGetValue(key, out var required))
                {
                    errors.Add($"Delivery:Templates:Folder: '{language}/{key}.txt' is not a known template (known: {string.Join(", ", Keys.Keys)}).");
                    continue;
                }

                var text = File.ReadAllText(file, Encoding.UTF8).TrimEnd('\r', '\n');
                text = key.EndsWith(".body", StringComparison.Ordinal) ? text + "\n" : text;
                var missing = required.Where(p => !text.Contains(p, StringComparison.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"Delivery:Templates:Folder: '{language}/{key}.txt' must contain {string.Join(" and ", missing)}."));
                    continue;
                }

                texts.Add((language, key, text));
            }
        }

        return (texts, errors);
    }
}
