using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Accounts;
using Verigate.Core.Destinations;
using Verigate.Core.Identifiers;
using Verigate.Core.SignUp;
using Verigate.Core.Verifications;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.SignUp;

/// <summary>Sign-up.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/accounts", CreateAsync).WithIdempotency().WithTags("Account API").Accepts<CreateAccountRequest>("application/json");
        return routes;
    }

    private static async Task<Results<Created<CreateAccountResponse>, ProblemHttpResult>> CreateAsync(HttpContext http, SignUpFlow signUp, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<CreateAccountRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.First(
                Fields.Required(r.Username, "username", UsernameRules.MaxLength * 4),
                Fields.Required(r.Password, "password", PasswordPolicy.MaxLength * 4),
                Fields.Optional(r.Email, "email", DestinationParser.MaxEmailLength),
                Fields.Optional(r.Phone, "phone", DestinationParser.MaxPhoneInputLength),
                Fields.Optional(r.DeviceName, "deviceName", Core.Sessions.SessionIssuer.MaxDeviceNameLength),
                VerificationService.LocaleError(r.Locale)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var created = await signUp.SignUpAsync(
            new SignUpRequest(r.Username!, r.Password!, r.Email, r.Phone, r.Locale ?? "en", r.DeviceName), ClientContextFactory.From(http), ct);
        return created.IsSuccess
            ? TypedResults.Created($"/v1/users/{created.Value.Account.UserId}", CreateAccountResponse.From(created.Value))
            : ProblemResults.From(http, created.Error);
    }
}
