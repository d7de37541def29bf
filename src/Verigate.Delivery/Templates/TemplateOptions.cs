namespace Verigate.Delivery.Templates;

/// <summary>
/// Message texts (configuration section <c>Delivery:Templates</c>). <see cref="Folder"/> may hold
/// <c>{language}/{key}.txt</c> files (for example <c>de/email.code.body.txt</c> or <c>fr/sms.code.txt</c>) that
/// replace the built-in English, Spanish and German texts or add a language; missing keys fall back to English.
/// </summary>
public sealed class TemplateOptions
{
    public string? Folder { get; set; }

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            return [];
        }

        if (!Directory.Exists(Folder))
        {
            return [$"Delivery:Templates:Folder '{Folder}' does not exist."];
        }

        return TemplateCatalog.ReadFolder(Folder).Errors;
    }
}
