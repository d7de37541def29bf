using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Challenges;

/// <summary>
/// Ends challenges whose time ran out without anybody checking them, and reports each (the Verify API's
/// <c>verification.expired</c>) in the same transaction. A check that finds a challenge expired ends it through the
/// same conditional update, so whichever comes first reports it and the other finds nothing to do: once either way.
/// </summary>
public static class ChallengeExpiry
{
    /// <summary>One bounded batch; returns how many challenges it ended, so callers can loop until 0.</summary>
    public static async Task<int> ExpireDueAsync(IStoreSession tx, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var ended = await tx.Challenges.ExpireDueAsync(now, batchSize, ct);
        foreach (var challenge in ended)
        {
            await ChallengeEngine.PublishVerificationAsync(tx, challenge, WebhookEventTypes.VerificationExpired, now, ct);
        }

        return ended.Count;
    }
}
