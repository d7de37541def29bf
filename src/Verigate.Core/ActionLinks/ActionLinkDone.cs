namespace Verigate.Core.ActionLinks;

/// <summary>What the page says after the button did its work (in English; <paramref name="Kind"/>, set by the service, lets the page translate it).</summary>
public sealed record ActionLinkDone(string Title, string Message, string? Kind = null);
