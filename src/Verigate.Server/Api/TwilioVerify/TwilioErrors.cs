using System.Globalization;
using Verigate.Core.Results;

namespace Verigate.Server.Api.TwilioVerify;

/// <summary>
/// Where Verigate's error codes meet Twilio's (the Twilio-compatible API's counterpart of ErrorCatalog): the SDKs
/// switch on these numbers, so every Verigate code an endpoint can return has exactly one of them.
/// </summary>
public static class TwilioErrors
{
    public const int InvalidParameter = 60200;
    public const int MaxCheckAttempts = 60202;
    public const int MaxSendAttempts = 60203;
    public const int NotFound = 20404;
    public const int AuthenticationFailed = 20003;

    public static readonly TwilioError Authenticate = Make(AuthenticationFailed, "Authenticate", 401);

    public static TwilioError From(Error error) => error.Code switch
    {
        ErrorCodes.InvalidRequest or ErrorCodes.InvalidDestination or ErrorCodes.ChannelUnavailable =>
            Make(InvalidParameter, error.Field is null ? "Invalid parameter: " + error.Message : $"Invalid parameter `{error.Field}`: {error.Message}", 400),
        ErrorCodes.TooManyAttempts => Make(MaxCheckAttempts, "Max check attempts reached", 429),
        ErrorCodes.TooManySends or ErrorCodes.ResendTooSoon or ErrorCodes.RateLimited => Make(MaxSendAttempts, "Max send attempts reached", 429),
        ErrorCodes.VerificationNotFound or ErrorCodes.NotFound => Make(NotFound, "The requested resource was not found", 404),
        ErrorCodes.Unauthorized => Authenticate,
        _ => throw new InvalidOperationException($"Error code '{error.Code}' has no Twilio counterpart."),
    };

    public static IResult Result(HttpContext http, Error error)
    {
        if (error.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Result(From(error));
    }

    public static IResult Result(TwilioError error) => TypedResults.Json(error, TwilioJsonContext.Default.TwilioError, statusCode: error.Status);

    public static Task Write(HttpContext http, TwilioError error) => Result(error).ExecuteAsync(http);

    private static TwilioError Make(int code, string message, int status) =>
        new(code, message, "https://www.twilio.com/docs/errors/" + code.ToString(CultureInfo.InvariantCulture), status);
}
