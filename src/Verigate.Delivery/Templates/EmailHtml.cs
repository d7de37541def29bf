using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Verigate.Delivery.Templates;

/// <summary>
/// The HTML alternative of a plain-text email: the same words, paragraph for paragraph, the code (the indented
/// line) large and easy to copy, links clickable. Everything is HTML-encoded; no remote images, no tracking.
/// </summary>
internal static partial class EmailHtml
{
    public static string From(string title, string text)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title></head>")
            .Append("<body style=\"font:16px/1.5 -apple-system,Segoe UI,Roboto,sans-serif;color:#111;max-width:36rem;margin:1rem auto;padding:0 1rem\">");
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (paragraph.All(char.IsAsciiDigit))
            {
                html.Append("<p style=\"font:bold 32px/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.25em;margin:1.5rem 0\">")
                    .Append(paragraph).Append("</p>");
                continue;
            }

            var encoded = WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal);
            html.Append("<p>").Append(Link().Replace(encoded, "<a href=\"$1\">$1</a>")).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    [GeneratedRegex(@"(https?://[^\s<]+)")]
    private static partial Regex Link();
}
