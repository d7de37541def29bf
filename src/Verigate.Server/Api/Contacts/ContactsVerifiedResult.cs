namespace Verigate.Server.Api.Contacts;

/// <summary>
/// 200 <c>{contacts}</c> for a contact change's code entered at <c>POST /v1/challenges/{id}/verify</c>. Deliberately not
/// an <c>IEndpointMetadataProvider</c>: declared there, a second success shape makes client generators (Kiota
/// takes the lowest 2xx) type every sign-in answer as a contact list. The OpenAPI document declares this answer on the
/// typed sub-resource <c>POST /v1/me/contacts/{challengeId}/verify</c> instead.
/// </summary>
public sealed class ContactsVerifiedResult(ContactListResponse body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => TypedResults.Ok(body).ExecuteAsync(httpContext);
}
