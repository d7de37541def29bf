
namespace Verigate.Core.Audit;

/// <summary>The append-only audit trail.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken ct);
    Task<IReadOnlyList<AuditEvent>> ListForUserAsync(long userId, int max, CancellationToken ct);
    Task<IReadOnlyList<AuditEvent>> ListForChallengeAsync(string challengeId, CancellationToken ct);

    /// <summary>
    /// The account's events of the given <paramref name="types"/>, newest first, older than <paramref name="beforeId"/>
    /// when it is given, at most <paramref name="max"/>: one page of the account's activity.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> PageForUserAsync(long userId, IReadOnlyCollection<string> types, long? beforeId, int max, CancellationToken ct);

    /// <summary>Events matching <paramref name="query"/>, newest first, older than <paramref name="beforeId"/> when given, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditQuery query, long? beforeId, int max, CancellationToken ct);
}
