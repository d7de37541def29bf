namespace Verigate.Core.ActivityLog;

/// <summary>One page of an account's activity, newest first; <see cref="NextCursor"/> fetches the older ones (null on the last page).</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, string? NextCursor);
