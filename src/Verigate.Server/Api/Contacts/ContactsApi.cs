using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Idempotency;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.Problems;
using Verigate.Server.Api.SignUp;

namespace Verigate.Server.Api.Contacts;

/// <summary>
/// The signed-in person's email addresses and phone numbers: add or change one (a code to the new address, verified at
/// <c>POST /v1/challenges/{id}/verify</c>), list them, remove one. Changes need a fresh session.
/// </summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContacts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/me/contacts").RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync).WithIdempotency().Accepts<AddContactRequest>("application/json");
        group.MapPost("/{challengeId}/verify", VerifyAsync).Accepts<VerifyContactRequest>("application/json");
        group.MapDelete("/{contactId}", RemoveAsync);
        return group;
    }

    private static async Task<Ok<ContactListResponse>> ListAsync(HttpContext http, ContactChangeFlow contacts, CancellationToken ct) =>
        TypedResults.Ok(new ContactListResponse(ContactResponse.ListOf(await contacts.ListAsync(http.User.UserId(), ct))));

    private static async Task<Results<Accepted<ContactChangeStartedResponse>, ProblemHttpResult>> AddAsync(
        HttpContext http, ContactChangeFlow contacts, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<AddContactRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        var r = body.Value;
        if (Fields.First(
                Fields.Optional(r.Email, "email", DestinationParser.MaxEmailLength),
                Fields.Optional(r.Phone, "phone", DestinationParser.MaxPhoneInputLength)) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var started = await contacts.StartAsync(
            http.User.UserId(), http.User.DeviceId(), http.User.AuthenticatedAt(), r.Email, r.Phone, ClientContextFactory.From(http), ct);
        return started.IsSuccess
            ? TypedResults.Accepted((string?)null, new ContactChangeStartedResponse(
                started.Value.ChallengeId, started.Value.To.Channel.ToWire(), started.Value.To.Masked, Rfc3339.Utc(started.Value.ExpiresAt)))
            : ProblemResults.From(http, started.Error);
    }

    /// <summary>The same as entering the code at <c>POST /v1/challenges/{id}/verify</c>, for this session's own change only.</summary>
    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> VerifyAsync(
        string challengeId, HttpContext http, ContactChangeFlow contacts, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<VerifyContactRequest>(http);
        if (!body.IsSuccess)
        {
            return ProblemResults.From(http, body.Error);
        }

        if (CodeFormat.Validate(body.Value.Code) is { } bad)
        {
            return ProblemResults.From(http, bad);
        }

        var verified = await contacts.CompleteAsync(challengeId, body.Value.Code!, ClientContextFactory.From(http), ct, http.User.UserId());
        return verified.IsSuccess
            ? TypedResults.Ok(new ContactListResponse(ContactResponse.ListOf(verified.Value)))
            : ProblemResults.From(http, verified.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string contactId, HttpContext http, ContactChangeFlow contacts, CancellationToken ct)
    {
        if (contactId.Length > 20 || !long.TryParse(contactId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return ProblemResults.From(http, Error.InvalidRequest("contactId", "'contactId' is the decimal id of one of your contacts."));
        }

        var removed = await contacts.RemoveAsync(http.User.UserId(), http.User.DeviceId(), http.User.AuthenticatedAt(), id, ClientContextFactory.From(http), ct);
        return removed.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, removed.Error);
    }
}
