using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Verifications;

public sealed record StartVerificationRequest(string? To, string? Channel, string? Purpose, string? Locale, int? CodeLength, string? ClientIp);

public sealed record ResendVerificationRequest(string? Channel);

public sealed record CheckVerificationRequest(string? Code);

public sealed record VerificationResponse(
    string Id, string Status, string To, string Channel, string Purpose, DateTime ExpiresAt, DateTime ResendAvailableAt, int AttemptsRemaining)
{
    public static VerificationResponse From(Challenge c, DateTimeOffset now) => new(
        c.Id, c.StatusAt(now).ToWireName(), c.Destination.Masked, c.Destination.Channel.ToWire(), c.Label ?? "verify",
        Rfc3339.Utc(c.ExpiresAt), Rfc3339.Utc(c.NextSendAt), c.AttemptsRemaining);
}

public sealed record VerificationResentResponse(string Id, string Channel, DateTime ResendAvailableAt);

public sealed record VerificationStatusResponse(string Id, string Status);

public sealed record VerificationDetailsResponse(
    string Id, string Status, string To, string Channel, string Purpose, DateTime ExpiresAt, int AttemptsRemaining,
    IReadOnlyList<VerificationDeliveryResponse> Deliveries);

public sealed record VerificationDeliveryResponse(string Channel, string Status, DateTime At, string? Detail)
{
    public static VerificationDeliveryResponse From(DeliveryEvent e) =>
        new(e.Destination.Channel.ToWire(), e.Status.ToString().ToLowerInvariant(), Rfc3339.Utc(e.At), e.ProviderReason is null ? e.Detail : $"{e.Detail} ({e.ProviderReason})");
}
