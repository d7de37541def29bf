using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;

namespace Verigate.Server.Api.TwilioVerify;

/// <summary>Twilio's Verification resource, field for field (snake_case on the wire).</summary>
public sealed record TwilioVerification(
    string Sid, string ServiceSid, string AccountSid, string To, string Channel, string Status, bool Valid,
    DateTime DateCreated, DateTime DateUpdated, IReadOnlyList<TwilioSendCodeAttempt> SendCodeAttempts, string Url,
    IReadOnlyDictionary<string, string>? Lookup = null, string? Amount = null, string? Payee = null, IReadOnlyDictionary<string, string>? Sna = null)
{
    public static TwilioVerification From(Challenge c, string accountSid, IReadOnlyList<DeliveryEvent> deliveries, DateTimeOffset now, string baseUrl)
    {
        // Each send queues one outbox row; its "queued" event is Twilio's send attempt.
        var attempts = deliveries.Where(d => d.Status == DeliveryStatus.Queued)
            .Select(d => new TwilioSendCodeAttempt("VL" + d.OutboxId.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
                d.Destination.Channel.ToWire(), d.At.UtcDateTime))
            .ToList();
        var status = c.StatusAt(now);
        return new TwilioVerification(
            c.Id, c.ServiceSid!, accountSid, c.Destination.Masked, c.Destination.Channel.ToWire(), status.ToWireName(), status == ChallengeStatus.Approved,
            c.CreatedAt.UtcDateTime, (attempts.Count > 0 ? attempts.Max(a => a.Time) : c.CreatedAt.UtcDateTime),
            attempts, $"{baseUrl}/v2/Services/{c.ServiceSid}/Verifications/{c.Id}");
    }
}

public sealed record TwilioSendCodeAttempt(string AttemptSid, string Channel, DateTime Time);

/// <summary>Twilio's VerificationCheck resource.</summary>
public sealed record TwilioVerificationCheck(
    string Sid, string ServiceSid, string AccountSid, string To, string Channel, string Status, bool Valid,
    DateTime DateCreated, DateTime DateUpdated, string? Amount = null, string? Payee = null, IReadOnlyList<string>? SnaAttemptsErrorCodes = null)
{
    public static TwilioVerificationCheck From(Challenge c, string accountSid, DateTimeOffset now)
    {
        var status = c.StatusAt(now);
        return new TwilioVerificationCheck(
            c.Id, c.ServiceSid!, accountSid, c.Destination.Masked, c.Destination.Channel.ToWire(), status.ToWireName(), status == ChallengeStatus.Approved,
            c.CreatedAt.UtcDateTime, now.UtcDateTime, SnaAttemptsErrorCodes: []);
    }
}
