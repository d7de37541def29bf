using Verigate.Core.AccountRecovery;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.AccountRecovery;

public sealed record StartAccountRecoveryRequest(string? Login, string? Password);

public sealed record AccountRecoveryStartedResponse(string ChallengeId, string Channel, string To, DateTime ExpiresAt);

public sealed record ConfirmAccountRecoveryRequest(string? Code);

public sealed record AccountRecoveryResponse(string RecoveryId, string Status, DateTime RequestedAt, DateTime RemovesAt, DateTime? EndedAt)
{
    public static AccountRecoveryResponse From(AccountRecoveryRequest r) =>
        new(r.Id, r.Status, Rfc3339.Utc(r.RequestedAt), Rfc3339.Utc(r.CompletesAt), r.EndedAt is { } ended ? Rfc3339.Utc(ended) : null);
}
