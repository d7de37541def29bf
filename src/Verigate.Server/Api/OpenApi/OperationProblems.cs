using System.Collections.Frozen;
using Verigate.Core.Results;

namespace Verigate.Server.Api.OpenApi;

/// <summary>
/// The problem codes each operation can answer with, beyond the ones every operation of its kind has (400
/// <c>invalid_request</c> for a body or parameters, 401 for a credential, 500). The OpenAPI document groups them by
/// status (<see cref="Problems.ErrorCatalog"/>), so a generated client knows every error it must handle. A new
/// operation that is not listed still documents the common ones.
/// </summary>
public static class OperationProblems
{
    private static readonly string[] CodeCheck =
        [ErrorCodes.CodeIncorrect, ErrorCodes.TooManyAttempts, ErrorCodes.VerificationNotFound, ErrorCodes.RateLimited];

    private static readonly string[] Sends =
        [ErrorCodes.InvalidDestination, ErrorCodes.ChannelUnavailable, ErrorCodes.DestinationBlocked, ErrorCodes.RateLimited,
         ErrorCodes.TooManySends, ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyKeyInUse];

    private static readonly string[] Resends =
        [ErrorCodes.VerificationNotFound, ErrorCodes.ChannelUnavailable, ErrorCodes.DestinationBlocked, ErrorCodes.ResendTooSoon,
         ErrorCodes.TooManySends, ErrorCodes.RateLimited, ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyKeyInUse];

    private static readonly FrozenDictionary<string, string[]> Specific = new Dictionary<string, string[]>
    {
        ["POST /v1/verifications"] = Sends,
        ["POST /v1/verifications/{id}/resend"] = Resends,
        ["POST /v1/verifications/{id}/check"] = CodeCheck,
        ["GET /v1/verifications/{id}"] = [ErrorCodes.VerificationNotFound],
        ["POST /v1/verifications/{id}/cancel"] = [ErrorCodes.VerificationNotFound],
        ["POST /v1/accounts"] = [ErrorCodes.InvalidUsername, ErrorCodes.WeakPassword, ErrorCodes.UsernameTaken, .. Sends],
        ["PATCH /v1/me"] = [ErrorCodes.InvalidUsername, ErrorCodes.UsernameTaken, ErrorCodes.ReauthenticationRequired],
        ["POST /v1/sessions"] = [ErrorCodes.InvalidCredentials, ErrorCodes.SignInLocked, ErrorCodes.ChannelUnavailable, ErrorCodes.RateLimited, ErrorCodes.TooManySends,
            ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyKeyInUse],
        ["POST /v1/challenges/{id}/verify"] = [.. CodeCheck, ErrorCodes.ContactTaken],
        ["POST /v1/me/contacts"] = [ErrorCodes.ReauthenticationRequired, ErrorCodes.ContactExists, .. Sends],
        ["POST /v1/me/contacts/{challengeId}/verify"] = [.. CodeCheck, ErrorCodes.ContactTaken],
        ["DELETE /v1/me/contacts/{contactId}"] = [ErrorCodes.ReauthenticationRequired, ErrorCodes.ContactNotFound, ErrorCodes.LastContact, ErrorCodes.ContactOnHold],
        ["POST /v1/challenges/{id}/resend"] = Resends,
        ["GET /v1/challenges/{id}/deliveries"] = [ErrorCodes.VerificationNotFound],
        ["POST /v1/challenges/{id}/report"] = [ErrorCodes.VerificationNotFound],
        ["POST /v1/password-resets"] = [ErrorCodes.RateLimited, ErrorCodes.IdempotencyKeyReused, ErrorCodes.IdempotencyKeyInUse],
        ["POST /v1/password-resets/{challengeId}/complete"] = [.. CodeCheck, ErrorCodes.WeakPassword, ErrorCodes.SecondFactorRequired],
        ["POST /v1/me/reauthenticate"] = [ErrorCodes.InvalidCredentials, ErrorCodes.SecondFactorRequired, ErrorCodes.CodeIncorrect, ErrorCodes.RateLimited],
        ["POST /v1/me/totp"] = [ErrorCodes.ReauthenticationRequired, ErrorCodes.TotpAlreadyEnabled],
        ["POST /v1/me/totp/confirm"] = [ErrorCodes.TotpNotEnrolling, ErrorCodes.CodeIncorrect, ErrorCodes.RateLimited],
        ["DELETE /v1/me/totp"] = [ErrorCodes.ReauthenticationRequired, ErrorCodes.TwoFactorNotEnabled, ErrorCodes.CodeIncorrect, ErrorCodes.RateLimited],
        ["POST /v1/me/recovery-codes"] = [ErrorCodes.ReauthenticationRequired, ErrorCodes.TwoFactorNotEnabled],
        ["GET /v1/users/{userId}"] = [ErrorCodes.UserNotFound],
        ["POST /v1/me/support-pin"] = [ErrorCodes.RateLimited],
        ["GET /v1/users/by-username/{username}"] = [ErrorCodes.UserNotFound],
        ["DELETE /v1/webhooks/{id}"] = [ErrorCodes.WebhookNotFound],
        ["POST /v1/webhooks/{id}/rotate-secret"] = [ErrorCodes.WebhookNotFound],
        ["GET /v1/webhooks/{id}/deliveries"] = [ErrorCodes.WebhookNotFound],
        ["POST /v1/webhooks/{id}/replay"] = [ErrorCodes.WebhookNotFound, ErrorCodes.NotFound],
        ["DELETE /v1/me/sessions/{sessionId}"] = [ErrorCodes.SessionNotFound],
        ["DELETE /v1/me/devices/{deviceId}/trust"] = [ErrorCodes.DeviceNotFound],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code <paramref name="method"/> <paramref name="path"/> can answer with, the common ones included.</summary>
    public static IReadOnlyList<string> For(string method, string path, bool hasInput, bool authenticated)
    {
        var codes = new List<string>();
        if (hasInput)
        {
            codes.Add(ErrorCodes.InvalidRequest);
        }

        if (authenticated)
        {
            codes.Add(ErrorCodes.Unauthorized);
        }

        codes.AddRange(Specific.GetValueOrDefault($"{method} {path}", []));
        codes.Add(ErrorCodes.InternalError);
        return codes.Distinct(StringComparer.Ordinal).ToList();
    }
}
