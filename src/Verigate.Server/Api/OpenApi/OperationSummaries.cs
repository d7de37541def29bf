using System.Collections.Frozen;

namespace Verigate.Server.Api.OpenApi;

/// <summary>One line per operation for the OpenAPI document (what generated clients put in their doc comments).</summary>
public static class OperationSummaries
{
    private static readonly FrozenDictionary<string, string> Summaries = new Dictionary<string, string>
    {
        ["POST /v1/accounts"] = "Sign up: a code goes to the first contact; verifying it signs in",
        ["POST /v1/sessions"] = "Sign in: a session on a remembered device, else a challenge (a sent code or a second factor)",
        ["GET /v1/me"] = "The signed-in account: contacts, devices, second factors",
        ["PATCH /v1/me"] = "Change the username",
        ["GET /v1/delivery-receipts/kannel/{challengeId}/{outboxId}/{token}"] = "Kannel delivery report (dlr-url)",
        ["POST /v1/delivery-receipts/kannel/{challengeId}/{outboxId}/{token}"] = "Kannel delivery report (dlr-url), by POST",
        ["GET /v1/delivery-receipts/http/{challengeId}/{outboxId}/{token}"] = "HTTPS SMS gateway delivery report",
        ["POST /v1/delivery-receipts/http/{challengeId}/{outboxId}/{token}"] = "HTTPS SMS gateway delivery report, by POST",
        ["GET /v1/dev/messages"] = "Development inbox: messages to one destination, newest first (development mode only)",
        ["POST /v1/verifications"] = "Start a verification (or, while one is pending for the same key, purpose and destination, send its code again)",
        ["POST /v1/verifications/{id}/resend"] = "Send the same code again",
        ["POST /v1/verifications/{id}/check"] = "Check a code",
        ["GET /v1/verifications/{id}"] = "A verification with its delivery timeline",
        ["POST /v1/verifications/{id}/cancel"] = "Cancel a pending verification",
        ["POST /v1/webhooks"] = "Add a webhook endpoint (its signing secret is shown once)",
        ["GET /v1/webhooks"] = "The calling key's webhook endpoints",
        ["DELETE /v1/webhooks/{id}"] = "Remove a webhook endpoint",
        ["POST /v1/webhooks/{id}/rotate-secret"] = "Rotate an endpoint's signing secret (the previous one keeps signing for a while)",
        ["GET /v1/webhooks/{id}/deliveries"] = "An endpoint's recent deliveries",
        ["POST /v1/webhooks/{id}/replay"] = "Send dead deliveries (or one) again",
        ["POST /v1/challenges/{id}/verify"] = "Answer a sign-up, sign-in or two-factor challenge: a session (a contact change's code: 200 {contacts}, as at /v1/me/contacts/{challengeId}/verify)",
        ["POST /v1/me/contacts/{challengeId}/verify"] = "Enter the code sent to a new address: it becomes verified (and primary for its kind)",
        ["GET /v1/me/contacts"] = "The signed-in account's email addresses and phone numbers",
        ["POST /v1/me/contacts"] = "Add or change an email address or phone number (or verify one not verified yet): a code goes to it",
        ["DELETE /v1/me/contacts/{contactId}"] = "Remove an email address or phone number (never the last verified one)",
        ["POST /v1/challenges/{id}/resend"] = "Send a challenge's code again",
        ["GET /v1/challenges/{id}/deliveries"] = "What happened to the code's messages (\"didn't get the code?\")",
        ["POST /v1/challenges/{id}/report"] = "\"I didn't request this\": end the challenge and alert the owner",
        ["POST /v1/password-resets"] = "Start a password reset (the same answer for every login)",
        ["POST /v1/password-resets/{challengeId}/complete"] = "Complete a password reset with the code",
        ["POST /v1/me/reauthenticate"] = "Re-authenticate: the session is fresh for sensitive changes",
        ["POST /v1/me/totp"] = "Start enrolling an authenticator app",
        ["DELETE /v1/me/totp"] = "Turn the authenticator app off",
        ["POST /v1/me/totp/confirm"] = "Confirm the authenticator app with its first code: recovery codes",
        ["POST /v1/me/recovery-codes"] = "New recovery codes (the previous set stops working)",
        ["GET /v1/me/activity"] = "The account's security events, newest first; a Link header (rel=\"next\") carries the cursor of older ones",
        ["POST /v1/me/support-pin"] = "A 6-digit support PIN, valid 10 minutes, to read to a support agent (replaces the previous one)",
        ["GET /v1/users/{userId}"] = "Public identifiers of a user",
        ["GET /v1/me/sessions"] = "The account's sessions in use (device, created, last seen, current)",
        ["DELETE /v1/me/sessions/{sessionId}"] = "End one of the account's sessions: its token stops working at once",
        ["POST /v1/me/sessions/revoke-others"] = "End every session of the account but this one",
        ["DELETE /v1/sessions/current"] = "Sign out: this session's token stops working",
        ["GET /v1/me/devices"] = "The account's devices with their public ids, and whether each is remembered",
        ["DELETE /v1/me/devices/{deviceId}/trust"] = "Forget a remembered device: it needs the second step again",
        ["GET /v1/users/by-username/{username}"] = "Public identifiers of a user, by username",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The summary of <paramref name="method"/> <paramref name="path"/>; an operation not listed yet is named by its route.</summary>
    public static string For(string method, string path) => Summaries.GetValueOrDefault($"{method} {path}", $"{method} {path}");
}
