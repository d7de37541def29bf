namespace Verigate.Core.Audit;

/// <summary>One page of the audit viewer, newest first; <see cref="NextCursor"/> reads the older ones (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? NextCursor);
