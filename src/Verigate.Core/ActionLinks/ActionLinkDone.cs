namespace Verigate.Core.ActionLinks;

/// <summary>What the page says after the button did its work.</summary>
public sealed record ActionLinkDone(string Title, string Message);
