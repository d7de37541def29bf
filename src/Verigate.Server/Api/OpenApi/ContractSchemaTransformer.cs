using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Verigate.Core.Verifications;
using Verigate.Server.Api.Accounts;
using Verigate.Server.Api.Challenges;
using Verigate.Server.Api.PasswordReset;
using Verigate.Server.Api.SignIn;
using Verigate.Server.Api.SignUp;
using Verigate.Server.Api.TwoFactor;
using Verigate.Server.Api.Verifications;
using Verigate.Server.Api.Webhooks;

namespace Verigate.Server.Api.OpenApi;

/// <summary>
/// Makes the generated schemas say what the endpoints really accept. Request records declare every field nullable
/// (so a missing field becomes a 400 naming it, not a deserialization error), which the generator reads as "required
/// and nullable"; here a request's required fields are the ones listed below and every other is optional. Numbers
/// are numbers (the web defaults also read "5" as 5, which no client should rely on), and channels, purposes and
/// statuses are enums.
/// </summary>
public sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly FrozenDictionary<Type, string[]> RequiredInRequests = new Dictionary<Type, string[]>
    {
        [typeof(StartVerificationRequest)] = ["to", "channel"],
        [typeof(ResendVerificationRequest)] = [],
        [typeof(CheckVerificationRequest)] = ["code"],
        [typeof(CreateAccountRequest)] = ["username", "password"],
        [typeof(CreateSessionRequest)] = ["login", "password"],
        [typeof(VerifyChallengeRequest)] = [],
        [typeof(ResendChallengeRequest)] = [],
        [typeof(StartPasswordResetRequest)] = ["login"],
        [typeof(CompletePasswordResetRequest)] = ["code", "newPassword"],
        [typeof(UpdateMeRequest)] = [],
        [typeof(ReauthenticateRequest)] = ["password"],
        [typeof(ConfirmTotpRequest)] = ["code"],
        [typeof(DisableTotpRequest)] = [],
        [typeof(CreateWebhookRequest)] = ["url"],
        [typeof(WebhookReplayRequest)] = [],
        [typeof(Contacts.AddContactRequest)] = [],
        [typeof(Contacts.VerifyContactRequest)] = ["code"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, string> Descriptions = new Dictionary<Type, string>
    {
        [typeof(CreateAccountRequest)] = "At least one of `email` and `phone` is required; the code goes to the first given.",
        [typeof(VerifyChallengeRequest)] = "Exactly one of `code` (the sent one-time code), `totp` or `recoveryCode`.",
        [typeof(DisableTotpRequest)] = "Exactly one of `totp` or `recoveryCode`.",
        [typeof(ReauthenticateRequest)] = "With a second factor on the account, `totp` or `recoveryCode` as well.",
        [typeof(CompletePasswordResetRequest)] = "On an account with a second factor, `totp` or `recoveryCode` as well (else 400 `second_factor_required`).",
        [typeof(Contacts.AddContactRequest)] = "Exactly one of `email` and `phone`; unknown fields are refused (400 naming the field).",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, JsonNode> Examples = new Dictionary<Type, JsonNode>
    {
        [typeof(StartVerificationRequest)] = new JsonObject { ["to"] = "+4915112345678", ["channel"] = "sms", ["purpose"] = "login" },
        [typeof(CheckVerificationRequest)] = new JsonObject { ["code"] = "123456" },
        [typeof(CreateAccountRequest)] = new JsonObject { ["username"] = "ada", ["password"] = "correct horse battery staple", ["email"] = "ada@example.com" },
        [typeof(CreateSessionRequest)] = new JsonObject { ["login"] = "ada", ["password"] = "correct horse battery staple", ["deviceName"] = "Firefox on Linux" },
        [typeof(VerifyChallengeRequest)] = new JsonObject { ["code"] = "123456", ["trustDevice"] = true },
        [typeof(StartPasswordResetRequest)] = new JsonObject { ["login"] = "ada@example.com" },
        [typeof(CompletePasswordResetRequest)] = new JsonObject { ["code"] = "123456", ["newPassword"] = "a brand new passphrase" },
        [typeof(Contacts.AddContactRequest)] = new JsonObject { ["phone"] = "+4915112345678" },
        [typeof(VerificationResponse)] = new JsonObject
        {
            ["id"] = "VE0123456789abcdef0123456789abcdef", ["status"] = "pending", ["to"] = "+49 ••• ••• 78", ["channel"] = "sms",
            ["purpose"] = "login", ["expiresAt"] = "2026-01-01T12:10:00Z", ["resendAvailableAt"] = "2026-01-01T12:00:30Z", ["attemptsRemaining"] = 5,
        },
    }.ToFrozenDictionary();

    private static readonly string[] Channels = ["sms", "email"];
    private static readonly string[] Statuses = ["pending", "approved", "canceled", "expired", "max_attempts_reached"];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        NumbersAreNumbers(schema);
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        if (RequiredInRequests.TryGetValue(type, out var required))
        {
            schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
            foreach (var property in schema.Properties.Values.OfType<OpenApiSchema>())
            {
                property.Type &= ~JsonSchemaType.Null; // optional means "leave it out"
            }
        }
        else if (type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            schema.Required = new HashSet<string>(StringComparer.Ordinal); // not listed yet: claim nothing is required
        }

        if (Descriptions.TryGetValue(type, out var description))
        {
            schema.Description = description;
        }

        if (Examples.TryGetValue(type, out var example))
        {
            schema.Examples = [example.DeepClone()];
        }

        var isVerification = type.Name.StartsWith("Verification", StringComparison.Ordinal) || type == typeof(StartVerificationRequest);
        foreach (var (name, property) in schema.Properties)
        {
            if (property is not OpenApiSchema value)
            {
                continue;
            }

            switch (name)
            {
                case "channel":
                    Enumerate(value, Channels);
                    break;
                case "purpose" when isVerification:
                    Enumerate(value, [.. VerifyApiPurposes.All.Order(StringComparer.Ordinal)]);
                    break;
                case "status" when isVerification && !type.Name.Contains("Delivery", StringComparison.Ordinal):
                    Enumerate(value, Statuses);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private static void NumbersAreNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } t && (t & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (t & JsonSchemaType.String) != 0)
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>Only where the value is never null (a request's optional field has lost its null above).</summary>
    private static void Enumerate(OpenApiSchema schema, IEnumerable<string> values)
    {
        if (schema.Type is not JsonSchemaType.String)
        {
            return;
        }

        schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
    }
}
