using System.Globalization;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.ActionLinks;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Accounts;
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
    private const int MaxContextLength = 40;

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
        var purpose = templates.Render(language, templates.Has(language, purposeKey) ? purposeKey : "purpose.default", product) + ContextSuffix(challenge);
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
        var template = serviceName is null ? "code" : "service_code";
        if (message.Destination.Channel == Channel.Sms)
        {
            var body = SmsText.Fit(
                templates.Render(language, $"sms.{template}", values),
                [" " + templates.Render(language, "sms.never", values).Trim(), " " + templates.Render(language, "sms.report", values).Trim()],
                $"\n\n@{o.PublicBase.IdnHost} #{code}",
                delivery.Value.Sms.MaxSegments);
            return new RenderedMessage(message.Id, message.Destination, null, body, Reference: challenge.Id);
        }

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
        // A notice may carry named values (what changed, when, from which device) …
        var (template, carried) = NoticeValues.Read(message.Template);
        foreach (var (carriedName, carriedValue) in carried)
        {
            values[carriedName] = carriedValue;
        }

        values.TryAdd("device", templates.Render(language, "notice.device.unknown", values));

        // … or one number after the separator (how many recovery codes remain, hours of a waiting period).
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
            ContactNotices.Added or ContactNotices.Changed or ContactNotices.Removed or ContactNotices.Undone => template,
            _ => throw new InvalidOperationException($"Unknown notice template '{message.Template}'."),
        };
        var subject = templates.Render(language, key + ".subject", values);
        var text = templates.Render(language, key + ".body", values);
        if (message.Destination.Channel == Channel.Sms)
        {
            var paragraphs = text.Split("\n\n", StringSplitOptions.TrimEntries);
            var body = $"{o.ProductName}: {subject}. {paragraphs[^1]}";
            return new RenderedMessage(message.Id, message.Destination, null, body, Reference: message.ChallengeId);
        }

        return new RenderedMessage(message.Id, message.Destination, subject, text, EmailHtml.From(subject, text), message.ChallengeId);
    }

    public string ReportUrl(string challengeId) => new Uri(options.Value.PublicBase, $"report/{challengeId}").ToString();

    private static int Minutes(Challenge challenge) => (int)Math.Ceiling((challenge.ExpiresAt - challenge.CreatedAt).TotalMinutes);

    /// <summary>
    /// The device name comes from the client, so it could carry a phishing line ("call +1 …"). It appears only
    /// if it is short and made of plain characters; otherwise it is left out.
    /// </summary>
    private static string ContextSuffix(Challenge challenge)
    {
        var name = challenge.DeviceName?.Trim();
        if (!ChallengePolicies.For(challenge.Purpose).NamesDevice || string.IsNullOrEmpty(name) || name.Length > MaxContextLength
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' or ','))
        {
            return string.Empty;
        }

        return $" ({name})";
    }
}
