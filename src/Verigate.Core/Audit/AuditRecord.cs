namespace Verigate.Core.Audit;

/// <summary>An audit event with its position in the log (ids grow with time), for paging.</summary>
public sealed record AuditRecord(long Id, AuditEvent Event);
