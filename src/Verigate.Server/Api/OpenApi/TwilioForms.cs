using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Verigate.Server.Api.OpenApi;

/// <summary>
/// The Twilio-compatible API's form-encoded request bodies and its error shape. The endpoints read their forms by hand
/// (a declared content type would turn a JSON body into a routing miss rather than Twilio's 60200), so the generator
/// cannot see them; they are described here, field for field as Twilio names them.
/// </summary>
public static class TwilioForms
{
    private const string FormContent = "application/x-www-form-urlencoded";

    public static void Describe(OpenApiOperation operation, string method, string path, IOpenApiSchema error)
    {
        var form = (method, path) switch
        {
            ("POST", "/v2/Services/{serviceSid}/Verifications") => Form(
                "TwilioVerificationCreate", ["To", "Channel"],
                ("To", "The phone number (E.164) or email address.", null),
                ("Channel", "sms or email.", ["sms", "email"]),
                ("Locale", "A language tag such as en or de-CH.", null),
                ("DeviceIp", "The end user's IP address, for the per-IP limit.", null)),
            ("POST", "/v2/Services/{serviceSid}/Verifications/{sid}") => Form(
                "TwilioVerificationUpdate", ["Status"],
                ("Status", "End the verification as canceled, or approve it yourself.", ["canceled", "approved"])),
            ("POST", "/v2/Services/{serviceSid}/VerificationCheck") => Form(
                "TwilioVerificationCheckCreate", ["Code"],
                ("Code", "The code the person entered.", null),
                ("To", "The destination of the pending verification (or give VerificationSid).", null),
                ("VerificationSid", "The verification's sid (or give To).", null)),
            _ => null,
        };
        if (form is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [FormContent] = new() { Schema = form } },
            };
        }

        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, text) in new[]
                 {
                     ("400", "60200: a parameter is missing or invalid."),
                     ("401", "20003: authentication failed."),
                     ("404", "20404: no such service or verification (or not this key's)."),
                     ("429", "60202: max check attempts reached, or 60203: max send attempts reached."),
                 })
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = error } },
            };
        }
    }

    private static OpenApiSchema Form(string title, string[] required, params (string Name, string Description, string[]? Values)[] fields) => new()
    {
        Title = title,
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
        Properties = fields.ToDictionary(
            f => f.Name,
            f => (IOpenApiSchema)new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = f.Description,
                Enum = f.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            },
            StringComparer.Ordinal),
    };
}
