using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Core.Sessions;
using Verigate.Core.SignIn;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.SignIn;

/// <summary>Sign-in: a session on a trusted device, or a code to prove a new one.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/sessions", CreateAsync).WithIdempotency(credentialStatus: StatusCodes.Status201Created).WithTags("Account API").Accepts<CreateSessionRequest>("application/json");
        return routes;
    }

    private static async Task<Results<Created<SessionResponse>, Accepted<SignInChallengeResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext http, LoginFlow login, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateSessionRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.First(
                Fields.Required(r.Login, "login", LoginResolver.MaxLength),
                Fields.Required(r.Password, "password", PasswordPolicy.MaxLength * 4),
                Fields.Optional(r.DeviceToken, "deviceToken", 256),
                Fields.Optional(r.DeviceName, "deviceName", SessionIssuer.MaxDeviceNameLength)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var outcome = await login.LoginAsync(new LoginRequest(r.Login!, r.Password!, r.DeviceToken, r.DeviceName), ClientContextFactory.From(http), ct);
        if (!outcome.IsSuccess)
        {
            return ProblemResults.From(http, outcome.Error);
        }

        return outcome.Value.Session is { } session
            ? TypedResults.Created("/v1/me", SessionResponse.From(session))
            : TypedResults.Accepted($"/v1/challenges/{outcome.Value.Challenge!.Id}", SignInChallengeResponse.From(outcome.Value));
    }
}
