using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Results;
using Verigate.Delivery.Receipts;
using Verigate.Delivery.Sms;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.DeliveryReceipts;

/// <summary>
/// Delivery reports from SMS gateways. The URL carries a per-message secret token (see <see cref="ReceiptTokens"/>),
/// so no API key is needed and nobody can report on a message whose URL they were not given.
/// </summary>
public static class DeliveryReceiptsApi
{
    private const int MaxAnswerLength = 1000;

    public static IEndpointRouteBuilder MapDeliveryReceipts(this IEndpointRouteBuilder routes)
    {
        var kannel = "/" + ReceiptUrls.Prefix + "/" + KannelSmsSender.Provider + "/{challengeId}/{outboxId}/{token}";
        routes.MapMethods(kannel, ["GET", "POST"], KannelAsync).WithTags("Delivery reports");
        return routes;
    }

    /// <summary>Kannel's dlr-url: <c>?type=%d&amp;answer=%A&amp;smscId=%F</c>.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> KannelAsync(
        string challengeId, string outboxId, string token, string? type, string? answer, string? smscId,
        HttpContext http, DeliveryReportRecorder recorder, CancellationToken ct)
    {
        if (!long.TryParse(outboxId, NumberStyles.None, CultureInfo.InvariantCulture, out var outbox))
        {
            return ProblemResults.From(http, Error.InvalidRequest("outboxId", "outboxId must be a decimal number."));
        }

        if (!int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var dlrType) || KannelReportTypes.Map(dlrType) is not { } mapped)
        {
            return ProblemResults.From(http, Error.InvalidRequest("type", "type must be a Kannel DLR type: 1, 2, 4, 8 or 16."));
        }

        if (answer is { Length: > MaxAnswerLength } || smscId is { Length: > 100 })
        {
            return ProblemResults.From(http, Error.InvalidRequest(answer is { Length: > MaxAnswerLength } ? "answer" : "smscId", "The value is too long."));
        }

        var report = new DeliveryReport(challengeId, outbox, token, mapped.Status, mapped.Detail, string.IsNullOrEmpty(smscId) ? null : smscId, answer);
        var recorded = await recorder.RecordAsync(report, ct);
        return recorded.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, recorded.Error);
    }
}
