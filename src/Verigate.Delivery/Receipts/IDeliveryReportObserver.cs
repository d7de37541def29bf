using Verigate.Core.Outbox;

namespace Verigate.Delivery.Receipts;

/// <summary>Told about each recorded delivery report (the fallback ladder listens for failures).</summary>
public interface IDeliveryReportObserver
{
    Task ReportedAsync(DeliveryEvent report, CancellationToken ct);
}
