namespace Verigate.Core.Attempts;

/// <summary>The attempts API's filters as the caller sent them (validated by <see cref="AttemptService"/>).</summary>
public sealed record AttemptQuery(
    string? From = null, string? To = null, string? Channel = null, string? Country = null, string? Prefix = null,
    string? Limit = null, string? Cursor = null);
