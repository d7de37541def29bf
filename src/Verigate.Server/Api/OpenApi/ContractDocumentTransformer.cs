using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Verigate.Core.Webhooks;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.OpenApi;

/// <summary>
/// What the endpoints alone cannot tell a client generator: who may call each operation (bearer API keys, bearer
/// session tokens, HTTP Basic for the Twilio-compatible API), every problem each can answer with (RFC 9457, with
/// <c>code</c>), the Twilio-compatible API's form bodies and errors, and the webhooks Verigate sends.
/// </summary>
public sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string ProblemSchema = "Problem";
    private const string TwilioErrorSchema = "TwilioError";
    private const string WebhookEventSchema = "WebhookEvent";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Verigate",
            Version = "v1",
            Description = "One-time codes by SMS and email, accounts, second factors, webhooks and a Twilio Verify-compatible API. " +
                          "Every error is an RFC 9457 problem with a stable `code`; see docs/api.md.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescription(tag.Name);
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = Problem();
        document.Components.Schemas[TwilioErrorSchema] = TwilioError();
        document.Components.Schemas[WebhookEventSchema] = WebhookEvent();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [AuthSchemes.ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "API key",
                Description = "An integrator's API key (`VerifyApi:Keys:<name>`, or made with `apikey create`).",
            },
            [AuthSchemes.Session] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "vgs_ session token",
                Description = "A session token from `POST /v1/sessions` or `POST /v1/challenges/{id}/verify`.",
            },
            [AuthSchemes.TwilioBasic] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "basic",
                Description = "Any username (Twilio's account SID) and a Verify API key as the password.",
            },
        };

        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            var path = "/" + description.RelativePath?.TrimEnd('/');
            var method = description.HttpMethod?.ToUpperInvariant() ?? "GET";
            if (document.Paths?.TryGetValue(path, out var item) != true || item!.Operations is null
                || !item.Operations.TryGetValue(new HttpMethod(method), out var operation))
            {
                continue;
            }

            var schemes = description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
                .Select(a => a.Policy ?? a.AuthenticationSchemes).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            // Anonymous operations say so (an empty requirement), rather than leaving it unsaid.
            operation.Security = schemes.Count == 0
                ? [new OpenApiSecurityRequirement()]
                : schemes.Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, document)] = [] }).ToList();
            operation.OperationId ??= OperationId(method, path);
            operation.Summary ??= OperationSummaries.For(method, path);

            if (path.StartsWith("/v2/", StringComparison.Ordinal))
            {
                TwilioForms.Describe(operation, method, path, new OpenApiSchemaReference(TwilioErrorSchema, document));
                continue;
            }

            var hasInput = operation.RequestBody is not null || operation.Parameters is { Count: > 0 };
            AddProblems(operation, OperationProblems.For(method, path, hasInput, schemes.Count > 0), new OpenApiSchemaReference(ProblemSchema, document));
        }

        document.Webhooks = WebhookEventTypes.All.Order(StringComparer.Ordinal).ToDictionary(
            type => type,
            type => (IOpenApiPathItem)WebhookItem(type, new OpenApiSchemaReference(WebhookEventSchema, document)),
            StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    private static string TagDescription(string? name) => name switch
    {
        "Verify API" => "For integrators (API key): verify your own users' phone numbers and email addresses.",
        "Account API" => "For end users: accounts, sign-in, second factors, password resets.",
        "Twilio-compatible Verify API" => "Twilio Verify's v2 resources, form-encoded, for Twilio's SDKs.",
        "Webhooks" => "Signed event notifications (Standard Webhooks) and their endpoints.",
        "Delivery reports" => "Delivery reports from SMS gateways; the token in the path is the credential.",
        "Development inbox" => "Messages that did not leave the machine (development mode only).",
        _ => name ?? string.Empty,
    };

    private static string OperationId(string method, string path) =>
        method.ToLowerInvariant() + string.Concat(path.Split('/', '-', '{', '}').Where(p => p.Length > 0)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static void AddProblems(OpenApiOperation operation, IReadOnlyList<string> codes, IOpenApiSchema problem)
    {
        operation.Responses ??= new OpenApiResponses();
        foreach (var byStatus in codes.GroupBy(c => ErrorCatalog.Lookup(c).Status).OrderBy(g => g.Key))
        {
            var status = byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var first = byStatus.First();
            var response = new OpenApiResponse
            {
                Description = "A problem (RFC 9457) with `code` one of: " + string.Join(", ", byStatus.Select(c => $"`{c}`")) + ".",
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/problem+json"] = new()
                    {
                        Schema = problem,
                        Example = new JsonObject
                        {
                            ["type"] = ErrorCatalog.TypePrefix + first, ["title"] = ErrorCatalog.Lookup(first).Title,
                            ["status"] = byStatus.Key, ["code"] = first,
                        },
                    },
                },
            };
            if (byStatus.Key == 429)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            }

            operation.Responses[status] = response;
        }
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is stable and machine-readable; `detail` is for people.",
        Required = new HashSet<string>(["type", "title", "status", "code"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`urn:verigate:problem:<code>`" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = ErrorCatalog.Codes.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)).ToList(),
            },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request field at fault." },
            ["attemptsRemaining"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "After a wrong code: checks left." },
            ["retryAfter"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "With 429: seconds to wait (also the Retry-After header)." },
            ["limit"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "With 429 rate_limited: which limit was reached." },
        },
    };

    private static OpenApiSchema TwilioError() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Twilio's error shape: 60200 invalid parameter, 60202 max check attempts, 60203 max send attempts, 20404 not found, 20003 authentication.",
        Required = new HashSet<string>(["code", "message", "status"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["more_info"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
        },
    };

    private static OpenApiSchema WebhookEvent() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Signed per Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256 of \"id.timestamp.body\">`.",
        Required = new HashSet<string>(["type", "timestamp", "data"], StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = WebhookEventTypes.All.Order(StringComparer.Ordinal).Select(t => (JsonNode)JsonValue.Create(t)).ToList(),
            },
            ["timestamp"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The event's details; never a code or a full destination." },
        },
    };

    private static OpenApiPathItem WebhookItem(string type, IOpenApiSchema body) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Post] = new()
            {
                Summary = $"`{type}`, POSTed to every endpoint subscribed to it",
                Security = [new OpenApiSecurityRequirement()], // authenticated by its signature (webhook-signature)
                OperationId = "webhook" + string.Concat(type.Split('.', '_').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                Parameters =
                [
                    new OpenApiParameter { Name = "webhook-id", In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    new OpenApiParameter { Name = "webhook-timestamp", In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    new OpenApiParameter { Name = "webhook-signature", In = ParameterLocation.Header, Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = body } },
                },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Any 2xx: delivered. Anything else is retried with backoff." },
                },
            },
        },
    };
}
