using System.Collections.Frozen;
using Verigate.Core.Results;

namespace Verigate.Server.Api.Problems;

/// <summary>Every error code the API can answer with: its HTTP status and title. The one place codes meet HTTP.</summary>
public static class ErrorCatalog
{
    public const string TypePrefix = "urn:verigate:problem:";
    public const string MethodNotAllowed = "method_not_allowed";

    private static readonly FrozenDictionary<string, (int Status, string Title)> Entries = new Dictionary<string, (int, string)>
    {
        [ErrorCodes.InvalidRequest] = (400, "Invalid request"),
        [ErrorCodes.InvalidDestination] = (400, "Invalid destination"),
        [ErrorCodes.ChannelUnavailable] = (400, "Channel unavailable"),
        [ErrorCodes.DestinationBlocked] = (403, "Destination blocked"),
        [ErrorCodes.InvalidUsername] = (400, "Invalid username"),
        [ErrorCodes.WeakPassword] = (400, "Weak password"),
        [ErrorCodes.Unauthorized] = (401, "Unauthorized"),
        [ErrorCodes.InvalidCredentials] = (401, "Invalid credentials"),
        [ErrorCodes.VerificationNotFound] = (404, "Verification not found"),
        [ErrorCodes.UserNotFound] = (404, "User not found"),
        [ErrorCodes.NotFound] = (404, "Not found"),
        [ErrorCodes.WebhookNotFound] = (404, "Webhook endpoint not found"),
        [ErrorCodes.WebhookUrlInsecure] = (400, "Webhook URL must use https"),
        [ErrorCodes.WebhookUrlForbidden] = (400, "Webhook URL reaches a forbidden address"),
        [ErrorCodes.WebhookUrlUnresolvable] = (400, "Webhook URL host does not resolve"),
        [ErrorCodes.LinkInvalid] = (404, "Link not valid"),
        [ErrorCodes.SessionNotFound] = (404, "Session not found"),
        [ErrorCodes.DeviceNotFound] = (404, "Device not found"),
        [MethodNotAllowed] = (405, "Method not allowed"),
        [ErrorCodes.SecondFactorRequired] = (400, "Second factor required"),
        [ErrorCodes.ReauthenticationRequired] = (403, "Reauthentication required"),
        [ErrorCodes.TotpAlreadyEnabled] = (409, "Authenticator app already enabled"),
        [ErrorCodes.TotpNotEnrolling] = (409, "No authenticator app enrolment pending"),
        [ErrorCodes.TwoFactorNotEnabled] = (409, "Two-factor authentication not enabled"),
        [ErrorCodes.PasskeyExists] = (409, "Passkey already registered"),
        [ErrorCodes.AccountRecoveryPending] = (409, "An account recovery is already waiting"),
        [ErrorCodes.AccountRecoveryNotFound] = (404, "Account recovery not found"),
        [ErrorCodes.UsernameTaken] = (409, "Username taken"),
        [ErrorCodes.ContactTaken] = (409, "Contact taken"),
        [ErrorCodes.IdempotencyKeyInUse] = (409, "Idempotency key in use"),
        [ErrorCodes.CodeIncorrect] = (422, "Code incorrect"),
        [ErrorCodes.IdempotencyKeyReused] = (422, "Idempotency key reused"),
        [ErrorCodes.RateLimited] = (429, "Rate limited"),
        [ErrorCodes.ResendTooSoon] = (429, "Resend too soon"),
        [ErrorCodes.TooManySends] = (429, "Too many sends"),
        [ErrorCodes.TooManyAttempts] = (429, "Too many attempts"),
        [ErrorCodes.InternalError] = (500, "Internal error"),
        [ErrorCodes.Unavailable] = (503, "Unavailable"),
        [ErrorCodes.ContactExists] = (409, "Contact already verified"),
        [ErrorCodes.ContactNotFound] = (404, "Contact not found"),
        [ErrorCodes.LastContact] = (409, "Last verified contact"),
        [ErrorCodes.ContactOnHold] = (409, "Contact change still on hold"),
        [ErrorCodes.InvalidStaffName] = (400, "Invalid staff name"),
        [ErrorCodes.StaffNameTaken] = (409, "Staff name taken"),
        [ErrorCodes.StaffNotFound] = (404, "Staff member not found"),
        [ErrorCodes.SupportPinIncorrect] = (400, "Support PIN incorrect"),
        [ErrorCodes.SupportReasonRequired] = (400, "Reason required"),
        [ErrorCodes.SupportCallerNotVerified] = (403, "Caller not verified"),
        [ErrorCodes.SignInLocked] = (403, "Sign-in locked"),
    }.ToFrozenDictionary();

    public static IEnumerable<string> Codes => Entries.Keys;

    public static (int Status, string Title) Lookup(string code) =>
        Entries.TryGetValue(code, out var entry) ? entry : throw new InvalidOperationException($"Error code '{code}' has no entry in the catalog.");

    /// <summary>The code for a status the framework produced on its own (unknown route, oversized body …).</summary>
    public static string CodeForStatus(int status) => status switch
    {
        401 => ErrorCodes.Unauthorized,
        404 => ErrorCodes.NotFound,
        405 => MethodNotAllowed,
        503 => ErrorCodes.Unavailable,
        >= 500 => ErrorCodes.InternalError,
        _ => ErrorCodes.InvalidRequest,
    };
}
