using Verigate.Core.Audit;

namespace Verigate.Core.Storage;

/// <summary>The append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken ct);
    Task<IReadOnlyList<AuditEvent>> ListForUserAsync(long userId, int max, CancellationToken ct);
    Task<IReadOnlyList<AuditEvent>> ListForChallengeAsync(string challengeId, CancellationToken ct);
}
