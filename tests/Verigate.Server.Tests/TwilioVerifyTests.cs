using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Verify.V2.Service;
using Verigate.Server.Tests.Infrastructure;
using HttpClient = System.Net.Http.HttpClient;

namespace Verigate.Server.Tests;

/// <summary>
/// The Twilio-compatible API driven by the official Twilio SDK (NuGet Twilio 8.2.0): its requests to
/// verify.twilio.com are routed to Verigate by a ten-line handler, exactly as docs/api.md tells apps to do.
/// </summary>
public sealed class TwilioVerifyTests : IAsyncLifetime
{
    private const string ServiceSid = "VA0123456789abcdef0123456789abcdef";
    private const string AccountSid = "AC00000000000000000000000000000001";

    private VerigateTestServer _server = null!;
    private TwilioRestClient _twilio = null!;
    private int _next;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?>
        {
            ["VerifyApi:Services:shop:Sid"] = ServiceSid,
            ["VerifyApi:Services:shop:FriendlyName"] = "Acme Shop",
            ["VerifyApi:Services:shop:CodeLength"] = "8",
            ["VerifyApi:Services:shop:Locale"] = "de",
            ["RateLimits:SendsPerDestination:Count"] = "1000",
        }));
        _twilio = Sdk(VerigateTestServer.ApiKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private TwilioRestClient Sdk(string password)
    {
        using var probe = _server.CreateClient();
        var http = new HttpClient(new ToVerigate(probe.BaseAddress!) { InnerHandler = new HttpClientHandler() });
        return new TwilioRestClient(AccountSid, password, httpClient: new SystemNetHttpClient(http));
    }

    private string NextPhone() => $"+49151{Interlocked.Increment(ref _next) + 33000000}";

    private Task<VerificationResource> StartAsync(string to, string channel = "sms") =>
        VerificationResource.CreateAsync(to: to, channel: channel, pathServiceSid: ServiceSid, client: _twilio);

    private static async Task<ApiException> Refused(Func<Task> call) => await Assert.ThrowsAsync<ApiException>(call);

    [Fact]
    public async Task The_message_names_the_service_as_twilio_does_and_keeps_the_never_share_line_and_origin_binding()
    {
        var english = NextPhone();
        await VerificationResource.CreateAsync(to: english, channel: "sms", locale: "en", pathServiceSid: ServiceSid, client: _twilio);
        var sms = (await _server.WaitForMessagesAsync(english)).Single();
        var code = VerigateTestServer.CodeOf(sms);
        Assert.StartsWith($"Your Acme Shop verification code is: {code}.", sms.Body, StringComparison.Ordinal);
        Assert.Contains("We will never ask you for this code", sms.Body, StringComparison.Ordinal);
        Assert.EndsWith($"\n\n@127.0.0.1 #{code}", sms.Body, StringComparison.Ordinal);

        var german = NextPhone(); // the service's own locale
        await StartAsync(german);
        var deSms = (await _server.WaitForMessagesAsync(german)).Single();
        Assert.StartsWith($"Dein Acme Shop-Bestätigungscode lautet: {VerigateTestServer.CodeOf(deSms)}.", deSms.Body, StringComparison.Ordinal);
        Assert.Contains("Wir fragen dich nie nach diesem Code", deSms.Body, StringComparison.Ordinal);

        const string email = "acme-shop@example.com";
        await VerificationResource.CreateAsync(to: email, channel: "email", locale: "en", pathServiceSid: ServiceSid, client: _twilio);
        var mail = (await _server.WaitForMessagesAsync(email)).Single();
        Assert.Equal("Your Acme Shop verification code", mail.Subject);
        Assert.Contains($"Your Acme Shop verification code is:\n\n    {VerigateTestServer.CodeOf(mail)}\n", mail.Body, StringComparison.Ordinal);
        Assert.Contains("We will never ask you for this code", mail.Body, StringComparison.Ordinal);

        // The Verify API's own messages keep the product's wording.
        using var api = _server.Integrator();
        const string plain = "+4915133999999";
        await api.PostAsync("/v1/verifications", JsonContentOf(new { to = plain, channel = "sms", locale = "en" }));
        Assert.DoesNotContain("Acme Shop", (await _server.WaitForMessagesAsync(plain)).Single().Body, StringComparison.Ordinal);
    }

    private static StringContent JsonContentOf(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Start_check_wrong_then_right_and_fetch_round_trip_through_the_official_sdk()
    {
        var to = NextPhone();
        var started = await StartAsync(to);
        var code = await _server.CodeSentToAsync(to);

        Assert.Matches("^VE[0-9a-f]{32}$", started.Sid);
        Assert.Equal(ServiceSid, started.ServiceSid);
        Assert.Equal(AccountSid, started.AccountSid);
        Assert.Equal("pending", started.Status);
        Assert.Equal("sms", started.Channel.ToString());
        Assert.False(started.Valid);
        Assert.Equal(8, code.Length); // the service's code length
        Assert.Single(started.SendCodeAttempts);
        Assert.DoesNotContain(code, JsonSerializer.Serialize(started), StringComparison.Ordinal);

        var wrong = await VerificationCheckResource.CreateAsync(to: to, code: code == "00000000" ? "11111111" : "00000000", pathServiceSid: ServiceSid, client: _twilio);
        Assert.Equal("pending", wrong.Status);
        Assert.False(wrong.Valid);
        Assert.Equal(started.Sid, wrong.Sid);

        var right = await VerificationCheckResource.CreateAsync(to: to, code: code, pathServiceSid: ServiceSid, client: _twilio);
        Assert.Equal("approved", right.Status);
        Assert.True(right.Valid);

        var fetched = await VerificationResource.FetchAsync(ServiceSid, started.Sid, _twilio);
        Assert.Equal("approved", fetched.Status);
        Assert.True(fetched.Valid);
        Assert.Equal(to[..3] + " ••• ••• " + to[^2..], fetched.To); // masked, as every Verigate answer

        // Verigate's timeline is the same verification's: the Verify API's key sees it too.
        using var api = _server.Integrator();
        var details = await (await api.GetAsync($"/v1/verifications/{started.Sid}")).JsonAsync();
        Assert.Equal("approved", details.Str("status"));
    }

    [Fact]
    public async Task A_check_by_verification_sid_works_and_an_email_verification_too()
    {
        var started = await StartAsync("ann.twilio@example.com", "email");
        var code = await _server.CodeSentToAsync("ann.twilio@example.com");
        var right = await VerificationCheckResource.CreateAsync(verificationSid: started.Sid, code: code, pathServiceSid: ServiceSid, client: _twilio);
        Assert.Equal("approved", right.Status);
        Assert.Equal("email", right.Channel.ToString());
    }

    [Fact]
    public async Task Cancel_ends_the_verification_and_a_later_check_is_not_found()
    {
        var to = NextPhone();
        var started = await StartAsync(to);
        var code = await _server.CodeSentToAsync(to);

        var canceled = await VerificationResource.UpdateAsync(ServiceSid, started.Sid, VerificationResource.StatusEnum.Canceled, _twilio);
        Assert.Equal("canceled", canceled.Status);

        var e = await Refused(() => VerificationCheckResource.CreateAsync(verificationSid: started.Sid, code: code, pathServiceSid: ServiceSid, client: _twilio));
        Assert.Equal(20404, e.Code);
        Assert.Equal(404, e.Status);
        Assert.Equal("canceled", (await VerificationResource.FetchAsync(ServiceSid, started.Sid, _twilio)).Status);
    }

    [Fact]
    public async Task The_integrator_may_approve_a_verification_itself()
    {
        var started = await StartAsync(NextPhone());
        var approved = await VerificationResource.UpdateAsync(ServiceSid, started.Sid, VerificationResource.StatusEnum.Approved, _twilio);
        Assert.Equal("approved", approved.Status);
        Assert.True(approved.Valid);
    }

    [Fact]
    public async Task Bad_parameters_are_60200()
    {
        var badNumber = await Refused(() => StartAsync("not a number"));
        Assert.Equal(60200, badNumber.Code);
        Assert.Equal(400, badNumber.Status);
        Assert.Equal("https://www.twilio.com/docs/errors/60200", badNumber.MoreInfo);

        Assert.Equal(60200, (await Refused(() => StartAsync(NextPhone(), "call"))).Code);
        Assert.Equal(60200, (await Refused(() => VerificationCheckResource.CreateAsync(to: NextPhone(), code: "12ab", pathServiceSid: ServiceSid, client: _twilio))).Code);
        Assert.Equal(60200, (await Refused(() => VerificationResource.CreateAsync(to: NextPhone(), channel: "sms", customCode: "123456", pathServiceSid: ServiceSid, client: _twilio))).Code);
    }

    [Fact]
    public async Task Five_wrong_checks_then_the_next_is_60202_even_with_the_right_code_and_also_when_checked_by_number()
    {
        var to = NextPhone();
        var started = await StartAsync(to);
        var code = await _server.CodeSentToAsync(to);
        var wrong = code == "00000000" ? "11111111" : "00000000";
        for (var i = 0; i < 5; i++)
        {
            await VerificationCheckResource.CreateAsync(verificationSid: started.Sid, code: wrong, pathServiceSid: ServiceSid, client: _twilio);
        }

        var bySid = await Refused(() => VerificationCheckResource.CreateAsync(verificationSid: started.Sid, code: code, pathServiceSid: ServiceSid, client: _twilio));
        Assert.Equal(60202, bySid.Code);
        Assert.Equal(429, bySid.Status);
        Assert.Equal(60202, (await Refused(() => VerificationCheckResource.CreateAsync(to: to, code: code, pathServiceSid: ServiceSid, client: _twilio))).Code);
        Assert.Equal("max_attempts_reached", (await VerificationResource.FetchAsync(ServiceSid, started.Sid, _twilio)).Status);
    }

    [Fact]
    public async Task Starting_again_resends_the_same_verification_and_after_five_sends_is_60203()
    {
        var to = NextPhone();
        var first = await StartAsync(to);

        // Too soon after the last send: Verigate's resend wait answers as Twilio's send limit.
        Assert.Equal(60203, (await Refused(() => StartAsync(to))).Code);

        foreach (var wait in new[] { 31, 61, 121, 241 })
        {
            _server.Time.Advance(TimeSpan.FromSeconds(wait));
            var again = await StartAsync(to);
            Assert.Equal(first.Sid, again.Sid);
        }

        Assert.Equal(5, (await VerificationResource.FetchAsync(ServiceSid, first.Sid, _twilio)).SendCodeAttempts.Count);
        _server.Time.Advance(TimeSpan.FromSeconds(100));
        var e = await Refused(() => StartAsync(to));
        Assert.Equal(60203, e.Code);
        Assert.Equal(429, e.Status);
    }

    [Fact]
    public async Task Unknown_services_verifications_and_other_keys_verifications_are_20404()
    {
        var started = await StartAsync(NextPhone());
        Assert.Equal(20404, (await Refused(() => VerificationResource.FetchAsync("VA" + new string('9', 32), started.Sid, _twilio))).Code);
        Assert.Equal(20404, (await Refused(() => VerificationResource.CreateAsync(
            to: NextPhone(), channel: "sms", pathServiceSid: "VAffffffffffffffffffffffffffffffff", client: _twilio))).Code);
        Assert.Equal(20404, (await Refused(() => VerificationResource.FetchAsync(ServiceSid, "VE" + new string('0', 32), _twilio))).Code);
        Assert.Equal(20404, (await Refused(() => VerificationResource.FetchAsync(ServiceSid, started.Sid, Sdk(VerigateTestServer.OtherApiKey)))).Code);
    }

    [Fact]
    public async Task A_wrong_api_key_is_20003_and_missing_credentials_get_a_basic_challenge()
    {
        var e = await Refused(() => VerificationResource.CreateAsync(to: NextPhone(), channel: "sms", pathServiceSid: ServiceSid, client: Sdk("not-a-key")));
        Assert.Equal(20003, e.Code);
        Assert.Equal(401, e.Status);

        using var anonymous = _server.Anonymous();
        var response = await anonymous.PostAsync($"/v2/Services/{ServiceSid}/Verifications", new FormUrlEncodedContent(new Dictionary<string, string> { ["To"] = NextPhone(), ["Channel"] = "sms" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(20003, (await response.JsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_json_body_or_an_unknown_v2_route_answers_in_twilios_shape()
    {
        using var client = _server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + VerigateTestServer.ApiKey)));

        var json = await client.PostAsync($"/v2/Services/{ServiceSid}/Verifications", new StringContent("{\"To\":\"+4915112345678\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(60200, (await json.JsonAsync()).GetProperty("code").GetInt32());

        var unknown = await client.GetAsync($"/v2/Services/{ServiceSid}/Nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(20404, (await unknown.JsonAsync()).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_twilio_compatible_and_attempts_routes()
    {
        using var client = _server.Anonymous();
        var paths = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/v2/Services/{serviceSid}/Verifications").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v2/Services/{serviceSid}/Verifications/{sid}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/v2/Services/{serviceSid}/Verifications/{sid}").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v2/Services/{serviceSid}/VerificationCheck").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/v1/attempts/summary").TryGetProperty("get", out _));
    }

    /// <summary>The handler docs/api.md shows: Twilio's SDK has no base-URL option, so its requests are re-addressed.</summary>
    private sealed class ToVerigate(Uri verigate) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = verigate.Scheme, Host = verigate.Host, Port = verigate.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
