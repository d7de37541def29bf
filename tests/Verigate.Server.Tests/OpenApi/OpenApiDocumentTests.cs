using System.Text.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.OpenApi;

/// <summary>Issue 7 item 6: what the served OpenAPI document says about requests, credentials, problems and enums is true.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private VerigateTestServer _server = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _server = new VerigateTestServer();
        using var client = _server.Anonymous();
        _document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private JsonElement Schema(string name) => _document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private JsonElement Operation(string path, string method) => _document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("StartVerificationRequest", new[] { "channel", "to" })]
    [InlineData("CreateAccountRequest", new[] { "password", "username" })]
    [InlineData("CreateSessionRequest", new[] { "login", "password" })]
    [InlineData("VerifyChallengeRequest", new string[0])]
    [InlineData("CompletePasswordResetRequest", new[] { "code", "newPassword" })]
    [InlineData("ReauthenticateRequest", new[] { "password" })]
    public void Only_the_fields_a_request_needs_are_required(string schema, string[] required)
    {
        var found = Schema(schema).TryGetProperty("required", out var list) ? Strings(list) : [];
        Assert.Equal(required, found);
    }

    [Fact]
    public void Optional_fields_are_plain_types_and_numbers_are_numbers()
    {
        var properties = Schema("StartVerificationRequest").GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("locale").GetProperty("type").GetString());
        Assert.Equal("integer", properties.GetProperty("codeLength").GetProperty("type").GetString());
        Assert.Equal(["contact_change", "link_account", "login", "password_reset", "signup", "transaction", "two_factor", "verify"],
            Strings(properties.GetProperty("purpose").GetProperty("enum")));
        Assert.Equal(["email", "sms"], Strings(properties.GetProperty("channel").GetProperty("enum")));
        Assert.Equal(["approved", "canceled", "expired", "max_attempts_reached", "pending"],
            Strings(Schema("VerificationResponse").GetProperty("properties").GetProperty("status").GetProperty("enum")));
        Assert.Equal(JsonValueKind.Array, Schema("StartVerificationRequest").GetProperty("examples").ValueKind);
    }

    [Theory]
    [InlineData("/v1/verifications", "post", "ApiKey", "bearer")]
    [InlineData("/v1/me/totp", "post", "Session", "bearer")]
    [InlineData("/v1/me/reauthenticate", "post", "Session", "bearer")]
    [InlineData("/v2/Services/{serviceSid}/Verifications", "post", "TwilioBasic", "basic")]
    public void Each_operation_names_its_credential(string path, string method, string scheme, string httpScheme)
    {
        var security = Operation(path, method).GetProperty("security");
        Assert.Equal(scheme, Assert.Single(security.EnumerateArray()).EnumerateObject().Single().Name);
        Assert.Equal(httpScheme, _document.GetProperty("components").GetProperty("securitySchemes").GetProperty(scheme).GetProperty("scheme").GetString());
    }

    [Fact]
    public void Anonymous_operations_say_so()
    {
        var requirement = Assert.Single(Operation("/v1/password-resets", "post").GetProperty("security").EnumerateArray());
        Assert.Empty(requirement.EnumerateObject());
    }

    [Theory]
    [InlineData("/v1/verifications/{id}/check", "post", "422", "code_incorrect")]
    [InlineData("/v1/verifications/{id}/check", "post", "429", "too_many_attempts")]
    [InlineData("/v1/verifications/{id}/check", "post", "404", "verification_not_found")]
    [InlineData("/v1/verifications", "post", "401", "unauthorized")]
    [InlineData("/v1/verifications", "post", "400", "invalid_destination")]
    [InlineData("/v1/accounts", "post", "409", "username_taken")]
    [InlineData("/v1/me/totp", "post", "403", "reauthentication_required")]
    [InlineData("/v1/me/totp", "delete", "409", "two_factor_not_enabled")]
    public void Each_operation_lists_its_problems_with_their_codes(string path, string method, string status, string code)
    {
        var response = Operation(path, method).GetProperty("responses").GetProperty(status);
        Assert.Contains($"`{code}`", response.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/Problem",
            response.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Contains(code, Strings(Schema("Problem").GetProperty("properties").GetProperty("code").GetProperty("enum")));
    }

    [Fact]
    public void The_twilio_compatible_api_documents_its_form_bodies_and_errors()
    {
        var create = Operation("/v2/Services/{serviceSid}/Verifications", "post");
        var form = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        Assert.Equal(["Channel", "To"], Strings(form.GetProperty("required")));
        Assert.Equal(["email", "sms"], Strings(form.GetProperty("properties").GetProperty("Channel").GetProperty("enum")));
        Assert.Equal("#/components/schemas/TwilioError",
            create.GetProperty("responses").GetProperty("429").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var check = Operation("/v2/Services/{serviceSid}/VerificationCheck", "post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        Assert.Equal(["Code", "To", "VerificationSid"], Strings(JsonSerializer.SerializeToElement(check.GetProperty("properties").EnumerateObject().Select(p => p.Name))));
    }

    [Fact]
    public void Webhooks_are_described_with_their_event_types()
    {
        var webhooks = _document.GetProperty("webhooks");
        Assert.True(webhooks.TryGetProperty("verification.approved", out var approved));
        Assert.True(webhooks.TryGetProperty("fraud.prefix_blocked", out _));
        Assert.Equal("#/components/schemas/WebhookEvent",
            approved.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
    }
}
