namespace Verigate.Core.AccountRecovery;

/// <summary>
/// A request to remove an account's lost second factor. It waits until <see cref="CompletesAt"/> (every verified
/// contact is told, and can cancel it), then completes at the owner's next sign-in.
/// </summary>
public sealed record AccountRecoveryRequest(
    string Id,
    long UserId,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset CompletesAt,
    DateTimeOffset? EndedAt,
    string? ClientIp)
{
    public const string Pending = "pending";
    public const string Canceled = "canceled";
    public const string Completed = "completed";
}
