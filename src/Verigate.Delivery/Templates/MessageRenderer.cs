using System.Globalization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.ActionLinks;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Devices;
using Verigate.Core.Notices;
using Verigate.Core.Outbox;
using Verigate.Core.SecurityAlerts;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Sms;

namespace Verigate.Delivery.Templates;

/// <summary>
/// Puts messages in their final shape, in the language of the challenge's locale: what the code is for, that we
/// will never ask for it, a link to report "I didn't request this", and for SMS the origin-bound last line
/// <c>@host #code</c> (so browsers and phones only offer the code to our own origin). Texts come from the
/// <see cref="TemplateCatalog"/>.
/// </summary>
public sealed class MessageRenderer(IOptions<VerigateOptions> options, IOptions<DeliveryOptions> delivery, TemplateCatalog templates)
{
    /// <summary>
    /// A code message. With <paramref name="serviceName"/> (the friendly name of the Twilio-compatible Verify service
    /// the code belongs to) it reads the way Twilio's does ("Your Acme verification code is: …"), still with the
    /// never-share line and the origin binding.
    /// </summary>
    public RenderedMessage RenderCode(OutboxMessage message, Challenge challenge, string code, string? serviceName = null)
    {
        var o = options.Value;
        var language = templates.LanguageOf(message.Locale);
        var product = new Dictionary<string, string> { ["product"] = o.ProductName };
        var purposeKey = "purpose." + (challenge.Label ?? challenge.Purpose.ToName());
        var purpose = templates.Render(language, templates.Has(language, purposeKey) ? purposeKey : "purpose.default", product);
        var values = new Dictionary<string, string>
        {
            ["product"] = o.ProductName,
            ["purpose"] = purpose,
            ["code"] = code,
            ["reportUrl"] = ReportUrl(challenge.Id),
            ["minutes"] = Minutes(challenge).ToString(CultureInfo.InvariantCulture),
            ["publicBase"] = o.PublicBase.ToString(),
            ["service"] = serviceName ?? o.ProductName,
        };
        var request = Request(language, challenge);
        var template = serviceName is null ? "code" : "service_code";
        if (message.Destination.Channel == Channel.Sms)
        {
            // Why and for whom stays in the part that is never dropped; a service's Twilio-style text stays as Twilio's.
            values["request"] = string.Empty;
            var head = templates.Render(language, $"sms.{template}", values) + (request is null ? string.Empty : " " + request);
            var body = SmsText.Fit(
                head,
                [" " + templates.Render(language, "sms.never", values).Trim(), " " + templates.Render(language, "sms.report", values).Trim()],
                $"\n\n@{o.PublicBase.IdnHost} #{code}",
                delivery.Value.Sms.MaxSegments);
            return new RenderedMessage(message.Id, message.Destination, null, body, Reference: challenge.Id);
        }

        values["request"] = request is null ? string.Empty : request + "\n\n";
        var subject = templates.Render(language, $"email.{template}.subject", values);
        var text = templates.Render(language, $"email.{template}.body", values);
        return new RenderedMessage(message.Id, message.Destination, subject, text, EmailHtml.From(subject, text), challenge.Id);
    }

    /// <param name="message">The notice.</param>
    /// <param name="linkToken">The token of its single-use action link, while the link is open.</param>
    public RenderedMessage RenderNotice(OutboxMessage message, string? linkToken = null)
    {
        var o = options.Value;
        var language = templates.LanguageOf(message.Locale);
        var values = new Dictionary<string, string>
        {
            ["product"] = o.ProductName,
            ["publicBase"] = o.PublicBase.ToString(),
            // A used or expired link points to the site instead: the notice still says what happened.
            ["link"] = linkToken is null ? o.PublicBase.ToString() : new Uri(o.PublicBase, $"{ActionLink.PagePath}/{linkToken}").ToString(),
        };
        AddNoticeValues(language, message.Values, values);

        // A notice may carry one number after the separator (how many recovery codes remain, hours of a waiting period).
        var template = message.Template;
        if (template.Split(SecurityNotices.ValueSeparator) is [var name, var value])
        {
            template = name;
            values["remaining"] = value;
            values["hours"] = value;
        }

        var key = template switch
        {
            SecurityNotices.PasswordChanged => "notice.password_changed",
            SecurityNotices.CodeReported => "notice.code_reported",
            SecurityNotices.TotpEnabled => "notice.totp_enabled",
            SecurityNotices.TotpDisabled => "notice.totp_disabled",
            SecurityNotices.RecoveryCodesRegenerated => "notice.recovery_codes_regenerated",
            "notice.recovery_code_used" => "notice.recovery_code_used",
            "notice.account_recovery_requested" => "notice.account_recovery_requested",
            SecurityNotices.AccountRecoveryCanceled => "notice.account_recovery_canceled",
            SecurityNotices.AccountRecoveryCompleted => "notice.account_recovery_completed",
            SecurityNotices.PasskeyAdded => "notice.passkey_added",
            SecurityNotices.PasskeyRemoved => "notice.passkey_removed",
            SecurityNotices.NewDeviceSignIn => "notice.new_device_sign_in",
            SecurityNotices.AccountSecured => "notice.account_secured",
            SecurityNotices.SupportAction => "notice.support_action",
            ContactNotices.Added or ContactNotices.Changed or ContactNotices.Removed or ContactNotices.Undone => template,
            _ => throw new InvalidOperationException($"Unknown notice template '{message.Template}'."),
        };
        var subject = templates.Render(language, key + ".subject", values);
        var text = templates.Render(language, key + ".body", values);
        if (message.Destination.Channel == Channel.Sms)
        {
            // A notice whose news is in its details (which device, when) has a text message of its own.
            var paragraphs = text.Split("\n\n", StringSplitOptions.TrimEntries);
            var body = templates.Has(language, key + ".sms") ? templates.Render(language, key + ".sms", values) : $"{o.ProductName}: {subject}. {paragraphs[^1]}";
            return new RenderedMessage(message.Id, message.Destination, null, body, Reference: message.ChallengeId);
        }

        return new RenderedMessage(message.Id, message.Destination, subject, text, EmailHtml.From(subject, text), message.ChallengeId);
    }

    public string ReportUrl(string challengeId) => new Uri(options.Value.PublicBase, $"report/{challengeId}").ToString();

    private static int Minutes(Challenge challenge) => (int)Math.Ceiling((challenge.ExpiresAt - challenge.CreatedAt).TotalMinutes);

    /// <summary>
    /// "Someone is signing in on 'Pixel 8' at 14:02 UTC.": for an account's own codes, what the code is for and where and
    /// when it was asked for, so a code the reader did not ask for stands out. The device is named only where the purpose's policy says so,
    /// and only a short plain name (<see cref="DeviceNames.Shown"/>): it comes from the client.
    /// </summary>
    private string? Request(string language, Challenge challenge)
    {
        if (!ChallengePolicies.For(challenge.Purpose).AccountFlow)
        {
            return null; // the Verify API's messages are the integrator's, worded as Twilio's
        }

        var device = ChallengePolicies.For(challenge.Purpose).NamesDevice ? DeviceNames.Shown(challenge.DeviceName) : null;
        var key = "request." + challenge.Purpose.ToName();
        return templates.Render(language, templates.Has(language, key) ? key : "request.default", new Dictionary<string, string>
        {
            ["product"] = options.Value.ProductName,
            ["onDevice"] = device is null ? string.Empty : templates.Render(language, "request.on_device", new Dictionary<string, string> { ["device"] = device }),
            ["time"] = challenge.CreatedAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>
    /// A notice's own facts, kept with its outbox row (it is rendered later, maybe after a retry, from that row alone):
    /// named values such as the masked addresses of a contact change, and the device (quoted, or "an unnamed device")
    /// and the time, as "2026-11-28 14:02".
    /// </summary>
    private void AddNoticeValues(string language, IReadOnlyDictionary<string, string>? noticeValues, Dictionary<string, string> values)
    {
        if (noticeValues is null)
        {
            return;
        }

        foreach (var (key, value) in noticeValues)
        {
            values.TryAdd(key, value);
        }

        if (noticeValues.TryGetValue(Core.Support.SupportNotices.ActionValue, out var action) && templates.Has(language, "support_action." + action))
        {
            values["actionText"] = templates.Render(language, "support_action." + action, values);
        }

        var device = noticeValues.TryGetValue(NewDeviceAlerts.DeviceValue, out var name) ? DeviceNames.Shown(name) : null;
        values["device"] = device is null ? templates.Render(language, "device.unnamed", values) : $"'{device}'";
        if (noticeValues.TryGetValue(NewDeviceAlerts.AtValue, out var at)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            values["time"] = when.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
    }
}
