using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Verigate.Web.Tests.Infrastructure;

/// <summary>
/// What every page must pass: axe-core finds no serious or critical accessibility violation, and the browser
/// reports no console error (a CSP violation or a script error shows up there). Also writes screenshots.
/// </summary>
public static class PageChecks
{
    private static readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> ConsoleErrors = new();

    public static void WatchConsole(IPage page)
    {
        var errors = ConsoleErrors.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);
    }

    /// <summary>Runs axe-core on the page as it is now and fails on serious or critical violations.</summary>
    /// <param name="page">The page.</param>
    /// <param name="console">Also fail on console errors (not for an error page, whose own 404 the browser logs).</param>
    public static async Task AccessibleAsync(IPage page, bool console = true)
    {
        var axe = Environment.GetEnvironmentVariable("VERIGATE_AXE_JS") is { Length: > 0 } path ? path : LocalAxe();
        if (!File.Exists(axe))
        {
            throw new InvalidOperationException(
                $"axe-core is not installed ({axe}). Run ./eng/test.sh, or: (cd eng/browser && npm ci) and export VERIGATE_AXE_JS=eng/browser/node_modules/axe-core/axe.min.js.");
        }

        // Evaluated over the DevTools protocol, so the page's CSP (no inline script) stays on and is tested too.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document)).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).join(', ') }))");
        var bad = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {v.GetProperty("nodes").GetString()}")
            .ToList();
        Assert.True(bad.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", bad));
        if (console)
        {
            NoConsoleErrors(page);
        }
    }

    public static void NoConsoleErrors(IPage page)
    {
        var errors = ConsoleErrors.TryGetValue(page, out var found) ? found.ToArray() : [];
        Assert.True(errors.Length == 0, $"Console errors on {page.Url}:\n" + string.Join("\n", errors));
    }

    /// <summary>
    /// A full-page screenshot at the page's current width. They go to artifacts/screenshots/; with
    /// VERIGATE_UPDATE_SCREENSHOTS=1 to docs/screenshots/ (the committed ones the README shows), so an ordinary run
    /// leaves the working tree unchanged.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var root = RepositoryRoot();
        var folder = Environment.GetEnvironmentVariable("VERIGATE_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(root, "docs", "screenshots")
            : Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var width = page.ViewportSize?.Width ?? 1280;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{(width < 600 ? "phone" : "desktop")}.png"), FullPage = true });
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Verigate.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Verigate.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string LocalAxe() => Path.Combine(RepositoryRoot(), "eng", "browser", "node_modules", "axe-core", "axe.min.js");
}
