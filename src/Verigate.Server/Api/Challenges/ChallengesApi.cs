using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Core.SignIn;
using Verigate.Server.Api.Contacts;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;
using Verigate.Server.Api.SignIn;
using Verigate.Server.Api.SignUp;
using Verigate.Server.Api.TwoFactor;

namespace Verigate.Server.Api.Challenges;

/// <summary>Account challenges: enter the code, ask again, see where the code went, report "I didn't request this".</summary>
public static class ChallengesApi
{
    public static RouteGroupBuilder MapChallenges(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/challenges/{id}").WithTags("Account API");
        group.MapPost("/verify", VerifyAsync).Accepts<VerifyChallengeRequest>("application/json");
        group.MapPost("/resend", ResendAsync).WithIdempotency().Accepts<ResendChallengeRequest>("application/json");
        group.MapGet("/deliveries", DeliveriesAsync);
        group.MapPost("/report", ReportAsync);
        return group;
    }

    private static async Task<Results<Created<SessionResponse>, ContactsVerifiedResult, ProblemHttpResult>> VerifyAsync(
        string id, HttpContext http, LoginFlow login, ContactChangeFlow contacts, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<VerifyChallengeRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        var factor = SecondFactorFields.Read(r.Totp, r.RecoveryCode);
        if (!factor.IsSuccess)
        {
            return ProblemResults.From(http, factor.Error);
        }

        if (factor.Value is not null && r.Code is not null)
        {
            return ProblemResults.From(http, Error.InvalidRequest("code", "Send exactly one of 'code', 'totp' or 'recoveryCode'."));
        }

        if (factor.Value is null && CodeFormat.Validate(r.Code) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var session = await login.CompleteAsync(id, new SignInAnswer(r.Code, factor.Value), r.TrustDevice ?? false, ClientContextFactory.From(http), ct);
        if (session.IsSuccess)
        {
            return TypedResults.Created("/v1/me", SessionResponse.From(session.Value));
        }

        // Not a sign-in challenge: it may be a contact change, whose code makes the address verified and signs nobody
        // in. Asked second so a sign-in (the common case) pays no extra read; sign-in refused it before using anything.
        if (factor.Value is null && session.Error.Code == ErrorCodes.VerificationNotFound)
        {
            var verified = await contacts.CompleteAsync(id, r.Code!, ClientContextFactory.From(http), ct);
            return verified.IsSuccess
                ? new ContactsVerifiedResult(new ContactListResponse(ContactResponse.ListOf(verified.Value)))
                : ProblemResults.From(http, verified.Error);
        }

        return ProblemResults.From(http, session.Error);
    }

    private static async Task<Results<Accepted<ChallengeResentResponse>, ProblemHttpResult>> ResendAsync(
        string id, HttpContext http, AccountChallenges challenges, CancellationToken ct)
    {
        var body = await JsonBody.ReadOptionalAsync(http, new ResendChallengeRequest(null));
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var channel = ChannelNames.ParseOptional(body.Value.Channel);
        if (!channel.IsSuccess)
        {
            return ProblemResults.From(http, channel.Error);
        }

        var resent = await challenges.ResendAsync(id, channel.Value, ClientContextFactory.From(http), ct);
        if (!resent.IsSuccess)
        {
            return ProblemResults.From(http, resent.Error);
        }

        var (c, to) = (resent.Value.Challenge, resent.Value.SentTo);
        return TypedResults.Accepted((string?)null, new ChallengeResentResponse(c.Id, to.Channel.ToWire(), to.Masked, Rfc3339.Utc(c.NextSendAt)));
    }

    private static async Task<Results<Ok<List<ChallengeDeliveryResponse>>, ProblemHttpResult>> DeliveriesAsync(
        string id, HttpContext http, AccountChallenges challenges, CancellationToken ct)
    {
        var found = await challenges.DeliveriesAsync(id, ct);
        return found.IsSuccess
            ? TypedResults.Ok(found.Value.Events.Select(ChallengeDeliveryResponse.From).ToList())
            : ProblemResults.From(http, found.Error);
    }

    private static async Task<Results<Accepted<ChallengeReportedResponse>, ProblemHttpResult>> ReportAsync(
        string id, HttpContext http, AccountChallenges challenges, CancellationToken ct)
    {
        var reported = await challenges.ReportAsync(id, ct);
        return reported.IsSuccess
            ? TypedResults.Accepted((string?)null, new ChallengeReportedResponse(reported.Value.Id, reported.Value.Status.ToWireName()))
            : ProblemResults.From(http, reported.Error);
    }
}
