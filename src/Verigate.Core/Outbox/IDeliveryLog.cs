
namespace Verigate.Core.Outbox;

/// <summary>The delivery timeline of challenges.</summary>
public interface IDeliveryLog
{
    Task AppendAsync(DeliveryEvent delivery, CancellationToken ct);
    Task<IReadOnlyList<DeliveryEvent>> ListAsync(string challengeId, CancellationToken ct);

    /// <summary>The timelines of several challenges in one read, each in order (a dispatcher batch's).</summary>
    Task<IReadOnlyList<DeliveryEvent>> ListManyAsync(IReadOnlyList<string> challengeIds, CancellationToken ct);
}
