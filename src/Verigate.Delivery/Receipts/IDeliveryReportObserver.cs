using Verigate.Core.Outbox;

namespace Verigate.Delivery.Receipts;

/// <summary>Told about each recorded delivery report (the fallback ladder listens for failures).</summary>
public interface IDeliveryReportObserver
{
    /// <param name="report">The report as recorded.</param>
    /// <param name="fromDispatcher">
    /// True for the dispatcher's own outcome of a send: the first report of that outbox message (a provider's
    /// delivery receipt, false, can only come after it), so nothing that an earlier report left behind exists yet.
    /// </param>
    /// <param name="ct">Cancellation.</param>
    Task ReportedAsync(DeliveryEvent report, bool fromDispatcher, CancellationToken ct);
}
