using Verigate.Core.Attempts;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Attempts;

public sealed record AttemptResponse(
    string VerificationId, string To, string Channel, string? Country, string Status, bool Converted, DateTime CreatedAt, int Sends, int Checks,
    string? ServiceSid)
{
    public static AttemptResponse From(Attempt a, DateTimeOffset now) => new(
        a.VerificationId, a.Destination.Masked, a.Destination.Channel.ToWire(), a.Country, a.StatusAt(now).ToWireName(), a.Converted,
        Rfc3339.Utc(a.CreatedAt), a.Sends, a.Checks, a.ServiceSid);
}

public sealed record AttemptListResponse(IReadOnlyList<AttemptResponse> Attempts, string? NextCursor);

public sealed record AttemptSummaryResponse(long Total, long Converted, long Unconverted, double ConversionRate)
{
    public static AttemptSummaryResponse From(AttemptSummary s) => new(s.Total, s.Converted, s.Unconverted, s.ConversionRate);
}
