using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>Bad input of any shape gets a 400 invalid_request naming the field, never a 500, on every endpoint that takes a body.</summary>
public sealed class BadInputTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private sealed record Endpoint(string Path, bool NeedsApiKey, string ValidBody, string[] StringFields, string[] RequiredFields, string[] OtherFields);

    private static readonly Dictionary<string, Endpoint> Endpoints = new()
    {
        ["start verification"] = new("/v1/verifications", true, """{"to":"+4915112345678","channel":"sms","purpose":"login","locale":"en","codeLength":6,"clientIp":"203.0.113.1"}""",
            ["to", "channel", "purpose", "locale", "clientIp"], ["to", "channel"], ["codeLength"]),
        ["check verification"] = new("/v1/verifications/VE00000000000000000000000000000000/check", true, """{"code":"123456"}""", ["code"], ["code"], []),
        ["resend verification"] = new("/v1/verifications/VE00000000000000000000000000000000/resend", true, """{"channel":"sms"}""", ["channel"], [], []),
        ["create account"] = new("/v1/accounts", false, """{"username":"bad_input","password":"correct horse battery staple","email":"b@example.com","phone":"+4915112345678","locale":"en","deviceName":"Firefox"}""",
            ["username", "password", "email", "phone", "locale", "deviceName"], ["username", "password"], []),
        ["create session"] = new("/v1/sessions", false, """{"login":"bad_input","password":"correct horse battery staple","deviceToken":"vgd_x","deviceName":"Firefox"}""",
            ["login", "password", "deviceToken", "deviceName"], ["login", "password"], []),
        ["verify challenge"] = new("/v1/challenges/ch_unknown/verify", false, """{"code":"123456","trustDevice":true}""", ["code"], ["code"], ["trustDevice"]),
        ["resend challenge"] = new("/v1/challenges/ch_unknown/resend", false, """{"channel":"email"}""", ["channel"], [], []),
        ["start reset"] = new("/v1/password-resets", false, """{"login":"bad_input"}""", ["login"], ["login"], []),
        ["complete reset"] = new("/v1/password-resets/ch_unknown/complete", false, """{"code":"123456","newPassword":"correct horse battery staple"}""",
            ["code", "newPassword"], ["code", "newPassword"], []),
    };

    public static TheoryData<string, string> BodyShapes()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Endpoints.Keys)
        {
            foreach (var shape in new[] { "null", "[1,2]", "\"text\"", "42", "not json", "{", "{}{}", "\uFEFF{" })
            {
                data.Add(name, shape);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> FieldValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, endpoint) in Endpoints)
        {
            foreach (var field in endpoint.StringFields)
            {
                data.Add(name, field, "12345");
                data.Add(name, field, "{\"a\":1}");
                data.Add(name, field, "[\"x\"]");
                data.Add(name, field, "true");
                data.Add(name, field, "\"" + new string('x', 10_000) + "\"");
                data.Add(name, field, "\"line\\r\\nBcc: victim@example.com\"");
                data.Add(name, field, "\"nul\\u0000byte\"");
            }

            foreach (var field in endpoint.RequiredFields)
            {
                data.Add(name, field, "null");
                data.Add(name, field, "<missing>");
            }

            foreach (var field in endpoint.OtherFields)
            {
                data.Add(name, field, "\"six\"");
                data.Add(name, field, "{}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodyShapes))]
    public async Task A_body_that_is_not_a_json_object_is_invalid_request_naming_the_body(string endpoint, string body)
    {
        var problem = await (await SendAsync(Endpoints[endpoint], body)).ProblemAsync(400, "invalid_request");
        Assert.Equal("body", problem.Str("field"));
    }

    [Theory]
    [MemberData(nameof(FieldValues))]
    public async Task A_field_of_the_wrong_type_size_or_content_is_invalid_request_naming_the_field(string endpoint, string field, string value)
    {
        var e = Endpoints[endpoint];
        var body = JsonNode.Parse(e.ValidBody)!.AsObject();
        body.Remove(field);
        if (value != "<missing>")
        {
            body[field] = JsonNode.Parse(value);
        }

        var problem = await (await SendAsync(e, body.ToJsonString())).ProblemAsync(400, "invalid_request");

        Assert.Equal(field, problem.Str("field"));
    }

    [Theory]
    [InlineData("١٢٣٤٥٦")]
    [InlineData("１２３４５６")]
    [InlineData("12345a")]
    [InlineData("123")]
    [InlineData("")]
    public async Task Codes_that_are_not_four_to_ten_ascii_digits_are_invalid_request(string code)
    {
        foreach (var e in new[] { Endpoints["check verification"], Endpoints["verify challenge"], Endpoints["complete reset"] })
        {
            var body = JsonNode.Parse(e.ValidBody)!.AsObject();
            body["code"] = code;
            Assert.Equal("code", (await (await SendAsync(e, body.ToJsonString())).ProblemAsync(400, "invalid_request")).Str("field"));
        }
    }

    [Fact]
    public async Task Content_types_other_than_json_an_empty_body_and_a_body_over_16_KiB_are_invalid_request()
    {
        foreach (var e in Endpoints.Values.Where(e => e.RequiredFields.Length > 0))
        {
            Assert.Equal("body", (await (await SendAsync(e, e.ValidBody, "text/plain")).ProblemAsync(400, "invalid_request")).Str("field"));
            Assert.Equal("body", (await (await SendAsync(e, string.Empty)).ProblemAsync(400, "invalid_request")).Str("field"));
            var huge = "{\"pad\":\"" + new string('x', 17 * 1024) + "\"}";
            Assert.Equal("body", (await (await SendAsync(e, huge)).ProblemAsync(400, "invalid_request")).Str("field"));
        }
    }

    [Fact]
    public async Task A_body_without_a_length_is_read_up_to_16_KiB_and_refused_beyond()
    {
        // Chunked bodies announce no length, so the limit is enforced while reading.
        var e = Endpoints["start reset"];
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await SendChunkedAsync(e, """{"login":"someone"}""")).StatusCode);
        var padding = new string(' ', 16 * 1024 - """{"login":"someone"}""".Length);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await SendChunkedAsync(e, """{"login":"someone"}""" + padding)).StatusCode);
        var response = await SendChunkedAsync(e, """{"login":"someone"}""" + padding + " ");
        Assert.Equal("body", (await response.ProblemAsync(400, "invalid_request")).Str("field"));
    }

    [Fact]
    public async Task A_body_beyond_the_servers_request_limit_is_refused_as_a_problem_not_a_crash()
    {
        var response = await SendAsync(Endpoints["create account"], "{\"pad\":\"" + new string('x', 200 * 1024) + "\"}");
        await response.ProblemAsync(400, "invalid_request");
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_the_request_succeeds()
    {
        var e = Endpoints["start reset"];
        var response = await SendAsync(e, """{"login":"someone","extra":{"deep":[1,2,3]}}""");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendChunkedAsync(Endpoint endpoint, string body)
    {
        using var client = endpoint.NeedsApiKey ? fixture.Server.Integrator() : fixture.Server.Anonymous();
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.PostAsync(endpoint.Path, content);
    }

    /// <summary>A body whose length the client cannot know up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    private async Task<HttpResponseMessage> SendAsync(Endpoint endpoint, string body, string contentType = "application/json")
    {
        using var client = endpoint.NeedsApiKey ? fixture.Server.Integrator() : fixture.Server.Anonymous();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync(endpoint.Path, content);
    }
}
