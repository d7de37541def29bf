using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Verigate.Server.Web.Console.DeliveryHealth;

/// <summary>
/// Small horizontal bar charts as inline SVG, drawn on the server: no script, no CDN, nothing for the CSP to allow
/// (colours come from classes in site.css, never a style attribute). Each chart is an image with a title for
/// screen readers; the page puts the same figures in a table beside it.
/// </summary>
public static class SvgCharts
{
    private const int Width = 960, ValueWidth = 120, BarHeight = 20, Gap = 8;

    /// <summary>One bar: its label, its length (0..1 of the widest), the figure written after it, and its class.</summary>
    public sealed record Bar(string Label, double Share, string Value, string Class);

    /// <summary>One stacked bar: its label, its parts (count and class, in order), and the figure written after it.</summary>
    public sealed record Stack(string Label, IReadOnlyList<(long Count, string Class)> Parts, string Value);

    public static IHtmlContent Bars(string id, string title, IReadOnlyList<Bar> bars)
    {
        const int labelWidth = 240;
        return Chart(id, title, bars.Count, labelWidth, (svg, i, y) =>
        {
            var bar = bars[i];
            Rect(svg, labelWidth, y, Math.Clamp(bar.Share, 0, 1) * (Width - labelWidth - ValueWidth), bar.Class);
            Labels(svg, labelWidth, bar.Label, bar.Value, y);
        });
    }

    public static IHtmlContent Stacks(string id, string title, IReadOnlyList<Stack> stacks)
    {
        const int labelWidth = 340;
        var widest = Math.Max(1, stacks.Count == 0 ? 1 : stacks.Max(s => s.Parts.Sum(p => p.Count)));
        return Chart(id, title, stacks.Count, labelWidth, (svg, i, y) =>
        {
            var stack = stacks[i];
            var x = (double)labelWidth;
            foreach (var (count, css) in stack.Parts.Where(p => p.Count > 0))
            {
                var width = count / (double)widest * (Width - labelWidth - ValueWidth);
                Rect(svg, x, y, width, css);
                x += width;
            }

            Labels(svg, labelWidth, stack.Label, stack.Value, y);
        });
    }

    private static HtmlString Chart(string id, string title, int rows, int labelWidth, Action<StringBuilder, int, int> row)
    {
        var height = Math.Max(1, rows) * (BarHeight + Gap) + Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {Width} {height}\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{labelWidth}\" y1=\"0\" x2=\"{labelWidth}\" y2=\"{height}\"/>");
        for (var i = 0; i < rows; i++)
        {
            row(svg, i, Gap + (i * (BarHeight + Gap)));
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void Rect(StringBuilder svg, double x, int y, double width, string css) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{Encode(css)}\" x=\"{x:0.#}\" y=\"{y}\" width=\"{Math.Max(width, 0):0.#}\" height=\"{BarHeight}\"/>");

    private static void Labels(StringBuilder svg, int labelWidth, string label, string value, int y)
    {
        var baseline = y + BarHeight - 4;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{labelWidth - 6}\" y=\"{baseline}\" text-anchor=\"end\">{Encode(label)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{Width - ValueWidth + 6}\" y=\"{baseline}\">{Encode(value)}</text>");
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
