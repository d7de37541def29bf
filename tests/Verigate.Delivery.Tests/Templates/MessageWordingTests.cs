using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Notices;
using Verigate.Core.Outbox;
using Verigate.Core.SecurityAlerts;
using Verigate.Delivery.Sms;
using Verigate.Delivery.Templates;

namespace Verigate.Delivery.Tests.Templates;

/// <summary>
/// Every account code message says why and for whom — the purpose, the device and the time of the request — in
/// English, Spanish and German, and an SMS stays short and ends with the origin-bound line; the new-sign-in alert
/// names the device and the time and carries its link.
/// </summary>
public sealed class MessageWordingTests
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 11, 28, 14, 2, 30, TimeSpan.Zero);

    private static readonly MessageRenderer Renderer = new(
        Options.Create(new VerigateOptions { PublicBaseUrl = "https://id.example.com" }),
        Options.Create(new DeliveryOptions()),
        new TemplateCatalog(Options.Create(new DeliveryOptions())));

    private static Challenge NewChallenge(ChallengePurpose purpose, string? deviceName, string locale) => new()
    {
        Id = "ch_wording",
        Purpose = purpose,
        Subject = ChallengeSubject.ForAccount(7),
        Destination = new Destination(Channel.Sms, "+4915112345678"),
        CodeLength = 6,
        CodeHash = [1],
        Status = ChallengeStatus.Pending,
        CreatedAt = RequestedAt,
        ExpiresAt = RequestedAt.AddMinutes(10),
        MaxAttempts = 5,
        MaxSends = 3,
        NextSendAt = RequestedAt,
        Locale = locale,
        DeviceName = deviceName,
    };

    private static OutboxMessage Message(Channel channel, string locale, string template = "new_device", IReadOnlyDictionary<string, string>? values = null) =>
        new(1, OutboxKind.Code, "ch_wording", new Destination(channel, channel == Channel.Sms ? "+4915112345678" : "ann@example.com"), template, locale, RequestedAt, Values: values);

    [Theory]
    [InlineData("en", "123456 is your Verigate code to sign in on a new device. Someone is signing in on 'Pixel 8' at 14:02 UTC.")]
    [InlineData("es", "123456 es tu código de Verigate para iniciar sesión en un dispositivo nuevo. Alguien está iniciando sesión en 'Pixel 8' a las 14:02 UTC.")]
    [InlineData("de", "123456 ist dein Verigate-Code zur Anmeldung auf einem neuen Gerät. Jemand meldet sich um 14:02 UTC auf 'Pixel 8' an.")]
    public void A_sign_in_code_by_sms_says_what_it_is_for_on_which_device_and_when_and_ends_with_the_origin_line(string locale, string start)
    {
        var sms = Renderer.RenderCode(Message(Channel.Sms, locale), NewChallenge(ChallengePurpose.NewDeviceLogin, "Pixel 8", locale), "123456");

        Assert.StartsWith(start, sms.Body, StringComparison.Ordinal);
        Assert.EndsWith("\n\n@id.example.com #123456", sms.Body, StringComparison.Ordinal);
        Assert.InRange(SmsSegments.Count(sms.Body), 1, new DeliveryOptions().Sms.MaxSegments);
    }

    [Theory]
    [InlineData("en", ChallengePurpose.PasswordReset, "Someone asked to reset your password on 'Pixel 8' at 14:02 UTC.")]
    [InlineData("en", ChallengePurpose.SignUp, "Someone is creating a Verigate account with this address on 'Pixel 8' at 14:02 UTC.")]
    [InlineData("en", ChallengePurpose.ContactChange, "Someone is adding this address to a Verigate account on 'Pixel 8' at 14:02 UTC.")]
    [InlineData("es", ChallengePurpose.StepUp, "Alguien está confirmando un cambio en tu cuenta en 'Pixel 8' a las 14:02 UTC.")]
    [InlineData("de", ChallengePurpose.AccountRecovery, "Jemand stellt um 14:02 UTC auf 'Pixel 8' dein Konto wieder her.")]
    public void A_code_email_opens_with_who_asked_where_and_when_and_keeps_the_never_share_line_and_report_link(string locale, ChallengePurpose purpose, string request)
    {
        var email = Renderer.RenderCode(Message(Channel.Email, locale), NewChallenge(purpose, "Pixel 8", locale) with
        {
            Destination = new Destination(Channel.Email, "ann@example.com"),
        }, "123456");

        Assert.StartsWith(request + "\n\n", email.Body, StringComparison.Ordinal);
        Assert.Contains("\n    123456\n", email.Body, StringComparison.Ordinal);
        Assert.Contains("https://id.example.com/report/ch_wording", email.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Call +1 800 555 0199 now to keep your account safe")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)")]
    public void A_missing_or_unsafe_device_name_is_left_out_and_the_time_stays(string? deviceName)
    {
        var sms = Renderer.RenderCode(Message(Channel.Sms, "en"), NewChallenge(ChallengePurpose.NewDeviceLogin, deviceName, "en"), "123456");

        Assert.StartsWith("123456 is your Verigate code to sign in on a new device. Someone is signing in at 14:02 UTC.", sms.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("800", sms.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_verify_api_code_keeps_the_integrators_wording()
    {
        var challenge = NewChallenge(ChallengePurpose.VerifyApi, "Pixel 8", "en") with { Label = "login" };
        var sms = Renderer.RenderCode(Message(Channel.Sms, "en", "login"), challenge, "123456");
        Assert.StartsWith("123456 is your Verigate code to sign in to Verigate. We will never ask", sms.Body, StringComparison.Ordinal);
    }

    private static OutboxMessage Alert(Channel channel, string locale, string? device) => new(
        2, OutboxKind.Notice, null, new Destination(channel, channel == Channel.Sms ? "+4915112345678" : "ann@example.com"), SecurityNotices.NewDeviceSignIn, locale,
        RequestedAt, LinkId: "al_1",
        Values: device is null
            ? new Dictionary<string, string> { [NewDeviceAlerts.AtValue] = RequestedAt.UtcDateTime.ToString("O") }
            : new Dictionary<string, string> { [NewDeviceAlerts.DeviceValue] = device, [NewDeviceAlerts.AtValue] = RequestedAt.UtcDateTime.ToString("O") });

    private const string Token = "vgl_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Theory]
    [InlineData("en", "Someone signed in to your Verigate account on 'Pixel 8' at 2026-11-28 14:02 UTC.")]
    [InlineData("es", "Alguien inició sesión en tu cuenta de Verigate en 'Pixel 8' a las 2026-11-28 14:02 UTC.")]
    [InlineData("de", "Jemand hat sich um 2026-11-28 14:02 UTC auf 'Pixel 8' bei deinem Verigate-Konto angemeldet.")]
    public void The_new_sign_in_alert_names_the_device_and_time_and_carries_the_secure_link(string locale, string first)
    {
        var email = Renderer.RenderNotice(Alert(Channel.Email, locale, "Pixel 8"), Token);
        Assert.StartsWith(first, email.Body, StringComparison.Ordinal);
        Assert.Contains("https://id.example.com/links/" + Token, email.Body, StringComparison.Ordinal);

        var sms = Renderer.RenderNotice(Alert(Channel.Sms, locale, "Pixel 8"), Token);
        Assert.Contains("'Pixel 8'", sms.Body, StringComparison.Ordinal);
        Assert.Contains("2026-11-28 14:02", sms.Body, StringComparison.Ordinal);
        Assert.EndsWith("https://id.example.com/links/" + Token, sms.Body, StringComparison.Ordinal);
        Assert.InRange(SmsSegments.Count(sms.Body), 1, 3);
    }

    [Fact]
    public void An_alert_without_a_usable_device_name_says_an_unnamed_device()
    {
        var email = Renderer.RenderNotice(Alert(Channel.Email, "en", "Call 0800 now: your bank / support line"), Token);
        Assert.StartsWith("Someone signed in to your Verigate account on an unnamed device at 2026-11-28 14:02 UTC.", email.Body, StringComparison.Ordinal);
    }
}
