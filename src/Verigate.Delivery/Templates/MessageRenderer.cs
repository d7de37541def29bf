using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Accounts;
using Verigate.Delivery.Channels;
using Verigate.Delivery.Sms;

namespace Verigate.Delivery.Templates;

/// <summary>
/// Puts messages in their final shape: what the code is for, that we will never ask for it, a link to report
/// "I didn't request this", and for SMS the origin-bound last line <c>@host #code</c> (so browsers and phones
/// only offer the code to our own origin). English today; more languages arrive with the templates folder.
/// </summary>
public sealed class MessageRenderer(IOptions<VerigateOptions> options, IOptions<DeliveryOptions> delivery)
{
    private const int MaxContextLength = 40;

    public RenderedMessage RenderCode(OutboxMessage message, Challenge challenge, string code)
    {
        var o = options.Value;
        var purpose = PurposePhrases.For(challenge, o.ProductName) + ContextSuffix(challenge);
        var reportUrl = ReportUrl(challenge.Id);
        if (message.Destination.Channel == Channel.Sms)
        {
            var body = SmsText.Fit(
                $"{code} is your {o.ProductName} code {purpose}.",
                [" We will never ask you for this code: do not share it.", $" Didn't ask for it? {reportUrl}"],
                $"\n\n@{o.PublicBase.IdnHost} #{code}",
                delivery.Value.Sms.MaxSegments);
            return new RenderedMessage(message.Id, message.Destination, null, body, Reference: challenge.Id);
        }

        var subject = $"Your {o.ProductName} code {purpose}";
        var text =
            $"Your {o.ProductName} code {purpose} is:\n\n    {code}\n\n" +
            $"It expires in {Minutes(challenge)} minutes and works once.\n\n" +
            $"We will never ask you for this code, by phone, email or chat. Anyone who asks for it is trying to take over your account.\n\n" +
            $"Didn't ask for this code? Tell us and we will cancel it: {reportUrl}\n";
        return new RenderedMessage(message.Id, message.Destination, subject, text, EmailHtml.From(subject, text), challenge.Id);
    }

    public RenderedMessage RenderNotice(OutboxMessage message)
    {
        var o = options.Value;
        var (subject, text) = message.Template switch
        {
            SecurityNotices.PasswordChanged => (
                $"Your {o.ProductName} password was changed",
                $"The password of your {o.ProductName} account was just changed, and every other session was signed out.\n\n" +
                $"If this was not you, reset your password now at {o.PublicBase} and review your devices."),
            SecurityNotices.CodeReported => (
                $"We canceled a {o.ProductName} code you didn't request",
                $"You told us you did not request a {o.ProductName} code, so we canceled it: nobody can use it now.\n\n" +
                "If you keep receiving codes you did not ask for, someone may know your password: change it."),
            _ => throw new InvalidOperationException($"Unknown notice template '{message.Template}'."),
        };
        var body = message.Destination.Channel == Channel.Sms ? $"{o.ProductName}: {subject}. {text.Split("\n\n")[1]}" : text;
        return message.Destination.Channel == Channel.Sms
            ? new RenderedMessage(message.Id, message.Destination, null, body, Reference: message.ChallengeId)
            : new RenderedMessage(message.Id, message.Destination, subject, body, EmailHtml.From(subject, body), message.ChallengeId);
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
        if (challenge.Purpose != ChallengePurpose.NewDeviceLogin || string.IsNullOrEmpty(name) || name.Length > MaxContextLength
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '(' or ')' or ','))
        {
            return string.Empty;
        }

        return $" ({name})";
    }
}
