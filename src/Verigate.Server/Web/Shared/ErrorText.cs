using Microsoft.Extensions.Localization;
using Verigate.Core.Results;

namespace Verigate.Server.Web.Shared;

/// <summary>
/// An expected failure in words a person understands, in their language: what happened and what to do, with the
/// attempts left or the wait when the error carries them. Keyed by the same stable codes as the API's problems.
/// </summary>
public static class ErrorText
{
    public static string For(IStringLocalizer<Text> text, Error error)
    {
        var message = text["error." + error.Code];
        var sentence = message.ResourceNotFound ? text["error.generic"].Value : message.Value;
        if (error.AttemptsRemaining is { } left)
        {
            sentence += " " + text["error.attempts_left", left];
        }

        if (error.RetryAfter is { } wait)
        {
            sentence += " " + text["error.retry_after", Duration(text, wait)];
        }

        return sentence;
    }

    /// <summary>"45 seconds" or "3 minutes", rounded up: a person waits at least as long as told.</summary>
    public static string Duration(IStringLocalizer<Text> text, TimeSpan wait) =>
        wait <= TimeSpan.FromSeconds(90)
            ? text["time.seconds", (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds))]
            : text["time.minutes", (int)Math.Ceiling(wait.TotalMinutes)];
}
