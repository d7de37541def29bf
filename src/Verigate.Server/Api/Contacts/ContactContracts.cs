using System.Text.Json.Serialization;
using Verigate.Server.Api.SignUp;

namespace Verigate.Server.Api.Contacts;

/// <summary>
/// Exactly one of the two. Unknown fields are refused here (unlike elsewhere): a misspelt <c>emial</c> must not read as
/// "no address given", and nothing else belongs in a request that sends a code somewhere.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AddContactRequest(string? Email, string? Phone);

public sealed record VerifyContactRequest(string? Code);

public sealed record ContactChangeStartedResponse(string ChallengeId, string Channel, string To, DateTime ExpiresAt);

public sealed record ContactListResponse(IReadOnlyList<ContactResponse> Contacts);
