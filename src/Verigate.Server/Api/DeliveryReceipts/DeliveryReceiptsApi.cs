using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Results;
using Verigate.Delivery.Receipts;
using Verigate.Delivery.Sms;
using Verigate.Server.Api.Json;
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
        var http = "/" + ReceiptUrls.Prefix + "/" + HttpSmsSender.Provider + "/{challengeId}/{outboxId}/{token}";
        routes.MapMethods(http, ["GET", "POST"], HttpAsync).WithTags("Delivery reports");
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

    /// <summary>The generic gateway's status callback: <c>status</c>, <c>reason</c>, <c>id</c> as query parameters or a JSON object.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> HttpAsync(
        string challengeId, string outboxId, string token, HttpContext http, DeliveryReportRecorder recorder, CancellationToken ct)
    {
        if (!long.TryParse(outboxId, NumberStyles.None, CultureInfo.InvariantCulture, out var outbox))
        {
            return ProblemResults.From(http, Error.InvalidRequest("outboxId", "outboxId must be a decimal number."));
        }

        string? status = http.Request.Query["status"], reason = http.Request.Query["reason"], id = http.Request.Query["id"];
        if (http.Request.HasJsonContentType())
        {
            var body = await JsonBody.ReadAsync<HttpStatusReport>(http);
            if (!body.IsSuccess)
            {
                return ProblemResults.From(http, body.Error);
            }

            (status, reason, id) = (body.Value.Status ?? status, body.Value.Reason ?? reason, body.Value.Id ?? id);
        }

        if (HttpReportStatuses.Map(status) is not { } mapped)
        {
            return ProblemResults.From(http, Error.InvalidRequest("status", "status must be one of delivered, undelivered, failed, rejected, accepted, queued, sent."));
        }

        if (reason is { Length: > MaxAnswerLength } || id is { Length: > 100 })
        {
            return ProblemResults.From(http, Error.InvalidRequest(reason is { Length: > MaxAnswerLength } ? "reason" : "id", "The value is too long."));
        }

        var recorded = await recorder.RecordAsync(new DeliveryReport(challengeId, outbox, token, mapped.Status, mapped.Detail, string.IsNullOrEmpty(id) ? null : id, reason), ct);
        return recorded.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, recorded.Error);
    }
}
