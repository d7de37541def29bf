namespace Verigate.Core.ActionLinks;

/// <summary>
/// The page behind a link before anything happens: a title, what pressing the button does, the button's words (in
/// English; the page may show its own translation for the link's <paramref name="Kind"/>, set by the service).
/// </summary>
public sealed record ActionLinkPrompt(string Title, string Explanation, string Button, string? Kind = null);
