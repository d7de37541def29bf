using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Messages in the request's language (English, Spanish, German built in), overridable from a folder.</summary>
public sealed class TemplateTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("verigate-templates-").FullName;
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("de", "email", "Dein Verigate-Code zur Anmeldung bei Verigate", "Wir fragen dich nie nach diesem Code")]
    [InlineData("de-CH", "sms", "ist dein Verigate-Code zur Anmeldung bei Verigate.", "gib ihn nicht weiter")]
    [InlineData("es-MX", "email", "Tu código de Verigate para iniciar sesión en Verigate", "Nunca te pediremos este código")]
    [InlineData("es", "sms", "es tu código de Verigate para iniciar sesión en Verigate.", "no lo compartas")]
    [InlineData("fr", "sms", "is your Verigate code to sign in to Verigate.", "do not share it")]
    [InlineData("en", "email", "Your Verigate code to sign in to Verigate", "We will never ask you for this code")]
    public async Task The_message_speaks_the_requests_language_and_says_what_the_code_is_for(string locale, string channel, string purpose, string neverShare)
    {
        var to = channel == "sms" ? "+49151" + Random.Shared.Next(10000000, 99999999) : $"t{Random.Shared.Next()}@example.org";
        using var api = _server.Integrator();
        var started = await api.PostAsJsonAsync("/v1/verifications", new { to, channel, locale, purpose = "login" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var message = (await _server.WaitForMessagesAsync(to))[0];

        Assert.Contains(purpose, (message.Subject ?? string.Empty) + message.Body, StringComparison.Ordinal);
        Assert.Contains(neverShare, message.Body, StringComparison.Ordinal);
        if (channel == "email" || Verigate.Delivery.Sms.SmsSegments.EncodingOf(message.Body) == Verigate.Delivery.Sms.SmsEncoding.Gsm7)
        {
            // A UCS-2 SMS (Spanish "código") has less room: the report link is the first sentence to go.
            Assert.Contains("/report/", message.Body, StringComparison.Ordinal);
        }

        Assert.InRange(Verigate.Delivery.Sms.SmsSegments.Count(message.Body), 1, channel == "sms" ? 3 : int.MaxValue);
        Assert.Matches(@"^\d{6}$", VerigateTestServer.CodeOf(message));
    }

    [Fact]
    public async Task Texts_from_the_templates_folder_replace_the_built_in_ones_and_can_add_a_language()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "de"));
        Directory.CreateDirectory(Path.Combine(_folder, "fr"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "de", "sms.code.txt"), "{code}: dein Code von uns {purpose}.\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "fr", "sms.code.txt"), "{code} est votre code {product}.\n");
        await using var server = new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Delivery:Templates:Folder"] = _folder }));
        using var api = server.Integrator();

        await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915111110001", channel = "sms", locale = "de" });
        await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915111110002", channel = "sms", locale = "fr" });

        var german = (await server.WaitForMessagesAsync("+4915111110001"))[0].Body;
        var french = (await server.WaitForMessagesAsync("+4915111110002"))[0].Body;
        Assert.Matches(@"^\d{6}: dein Code von uns zur Bestätigung deiner Identität bei Verigate\. Wir fragen", german);
        Assert.Matches(@"^\d{6} est votre code Verigate\. We will never ask", french);
        Assert.Matches(@"\n\n@127\.0\.0\.1 #\d{6}$", french);
    }

    [Theory]
    [InlineData("de/sms.codes.txt", "x {code}", "'de/sms.codes.txt' is not a known template")]
    [InlineData("de/sms.code.txt", "no code here", "'de/sms.code.txt' must contain {code}")]
    [InlineData("German/sms.code.txt", "{code}", "'German' is not a language code")]
    public void A_bad_template_file_stops_the_start_with_a_clear_message(string file, string text, string expected)
    {
        var path = Path.Combine(_folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);

        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Delivery:Templates:Folder"] = _folder })));

        Assert.Contains(expected, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_templates_folder_that_does_not_exist_stops_the_start()
    {
        var e = Assert.ThrowsAny<Exception>(() => new VerigateTestServer(VerigateTestServer.Relaxed(new Dictionary<string, string?> { ["Delivery:Templates:Folder"] = "/nonexistent/templates" })));

        Assert.Contains("Delivery:Templates:Folder '/nonexistent/templates' does not exist", e.ToString(), StringComparison.Ordinal);
    }
}
