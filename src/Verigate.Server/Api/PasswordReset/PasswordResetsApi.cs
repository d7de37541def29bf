using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.PasswordReset;
using Verigate.Core.SignIn;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;
using Verigate.Server.Api.TwoFactor;

namespace Verigate.Server.Api.PasswordReset;

/// <summary>Password reset: the same answer for every login, then the code and the new password.</summary>
public static class PasswordResetsApi
{
    public static RouteGroupBuilder MapPasswordResets(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/password-resets").WithTags("Account API");
        group.MapPost("/", StartAsync).WithIdempotency().Accepts<StartPasswordResetRequest>("application/json");
        group.MapPost("/{challengeId}/complete", CompleteAsync).Accepts<CompletePasswordResetRequest>("application/json");
        return group;
    }

    private static async Task<Results<Accepted<PasswordResetStartedResponse>, ProblemHttpResult>> StartAsync(
        HttpContext http, PasswordResetFlow resets, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<StartPasswordResetRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (Fields.Required(body.Value.Login, "login", LoginResolver.MaxLength) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var started = await resets.StartAsync(body.Value.Login!, ClientContextFactory.From(http), ct);
        return started.IsSuccess
            ? TypedResults.Accepted((string?)null, new PasswordResetStartedResponse(started.Value.ChallengeId, started.Value.Channel.ToWire(), started.Value.MaskedTo))
            : ProblemResults.From(http, started.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CompleteAsync(
        string challengeId, HttpContext http, PasswordResetFlow resets, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CompletePasswordResetRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (Fields.First(CodeFormat.Validate(body.Value.Code), Fields.Required(body.Value.NewPassword, "newPassword", PasswordPolicy.MaxLength * 4)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var factor = SecondFactorFields.Read(body.Value.Totp, body.Value.RecoveryCode);
        if (!factor.IsSuccess)
        {
            return ProblemResults.From(http, factor.Error);
        }

        var done = await resets.CompleteAsync(challengeId, body.Value.Code!, body.Value.NewPassword!, factor.Value, ClientContextFactory.From(http), ct);
        return done.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, done.Error);
    }
}
