namespace Verigate.Core.ActionLinks;

/// <summary>The page behind a link before anything happens: a title, what pressing the button does, the button's words.</summary>
public sealed record ActionLinkPrompt(string Title, string Explanation, string Button);
