
namespace Verigate.Core.Outbox;

/// <summary>The delivery timeline of challenges.</summary>
public interface IDeliveryLog
{
    Task AppendAsync(DeliveryEvent delivery, CancellationToken ct);
    Task<IReadOnlyList<DeliveryEvent>> ListAsync(string challengeId, CancellationToken ct);
}
