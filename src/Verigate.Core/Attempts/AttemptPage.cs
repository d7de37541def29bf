namespace Verigate.Core.Attempts;

/// <summary>A page of attempts, newest first, and the cursor for the next (older) page, if any.</summary>
public sealed record AttemptPage(IReadOnlyList<Attempt> Items, string? NextCursor);
