using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Results;
using Verigate.Core.VerifyServices;
using Verigate.Server.Api.Auth;

namespace Verigate.Server.Api.TwilioVerify;

/// <summary>
/// Twilio Verify v2, served by Verigate: apps that call Twilio through its SDKs switch by pointing the SDK's HTTP
/// client here. Form-encoded in, Twilio's JSON and error codes out, Verigate's engine (limits, timeline) underneath.
/// </summary>
public static class TwilioVerifyApi
{
    private const int MaxParameterLength = 320;
    private const string FormNote =
        "Twilio Verify v2 compatible: application/x-www-form-urlencoded in, Twilio's snake_case JSON out, HTTP Basic with a Verify API key " +
        "as the password. Errors: {code, message, more_info, status} with codes 60200, 60202, 60203, 20404, 20003. See docs/api.md.";

    public static RouteGroupBuilder MapTwilioVerify(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v2/Services/{serviceSid}").RequireAuthorization(AuthSchemes.TwilioBasic)
            .WithTags("Twilio-compatible Verify API").DisableAntiforgery();
        // Form bodies are read by hand (not declared with Accepts): a declared content type would turn a JSON body
        // into a routing miss instead of Twilio's 60200.
        group.MapPost("/Verifications", StartAsync)
            .WithSummary("Twilio: create a verification (form: To, Channel, Locale?, DeviceIp?)").WithDescription(FormNote);
        group.MapGet("/Verifications/{sid}", FetchAsync).WithSummary("Twilio: fetch a verification");
        group.MapPost("/Verifications/{sid}", UpdateAsync)
            .WithSummary("Twilio: update a verification (form: Status=canceled|approved)").WithDescription(FormNote);
        group.MapPost("/VerificationCheck", CheckAsync)
            .WithSummary("Twilio: check a code (form: Code, To or VerificationSid)").WithDescription(FormNote);

        // Anything else under /v2 answers as Twilio would, so an SDK reports 20404 rather than failing to parse.
        routes.MapFallback("/v2/{**rest}", () => TwilioErrors.Result(TwilioErrors.From(Error.NotFound()))).ExcludeFromDescription();
        return group;
    }

    private static async Task<IResult> StartAsync(
        string serviceSid, HttpContext http, VerifyServiceDirectory services, ServiceVerifications verifications, CancellationToken ct)
    {
        var (service, form, refused) = await ReadAsync(http, services, serviceSid, ct);
        if (refused is not null)
        {
            return refused;
        }

        if (Parameter(form!, "CustomCode") is not null)
        {
            return TwilioErrors.Result(http, Error.InvalidRequest("CustomCode", "Verigate always makes the code itself."));
        }

        var started = await verifications.StartAsync(
            http.User.ApiKeyId(), service!, Parameter(form!, "To"), Parameter(form!, "Channel"), Parameter(form!, "Locale"), Parameter(form!, "DeviceIp"), ct);
        return started.IsSuccess
            ? await RespondAsync(http, started.Value, StatusCodes.Status201Created, ct)
            : TwilioErrors.Result(http, started.Error);
    }

    private static async Task<IResult> FetchAsync(
        string serviceSid, string sid, HttpContext http, VerifyServiceDirectory services, ServiceVerifications verifications, CancellationToken ct)
    {
        var service = await services.FindAsync(serviceSid, ct);
        var found = service is null ? null : await verifications.FindAsync(http.User.ApiKeyId(), service, sid, ct);
        return found is null ? TwilioErrors.Result(http, Error.NotFound()) : await RespondAsync(http, found, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> UpdateAsync(
        string serviceSid, string sid, HttpContext http, VerifyServiceDirectory services, ServiceVerifications verifications, CancellationToken ct)
    {
        var (service, form, refused) = await ReadAsync(http, services, serviceSid, ct);
        if (refused is not null)
        {
            return refused;
        }

        ChallengeStatus? status = Parameter(form!, "Status") switch
        {
            "canceled" => ChallengeStatus.Canceled,
            "approved" => ChallengeStatus.Approved,
            _ => null,
        };
        if (status is null)
        {
            return TwilioErrors.Result(http, Error.InvalidRequest("Status", "Status must be \"canceled\" or \"approved\"."));
        }

        var ended = await verifications.EndAsync(http.User.ApiKeyId(), service!, sid, status.Value, ct);
        return ended.IsSuccess ? await RespondAsync(http, ended.Value, StatusCodes.Status200OK, ct) : TwilioErrors.Result(http, ended.Error);
    }

    private static async Task<IResult> CheckAsync(
        string serviceSid, HttpContext http, VerifyServiceDirectory services, ServiceVerifications verifications, TimeProvider time, CancellationToken ct)
    {
        var (service, form, refused) = await ReadAsync(http, services, serviceSid, ct);
        if (refused is not null)
        {
            return refused;
        }

        var code = Parameter(form!, "Code");
        if (CodeFormat.Validate(code) is { } bad)
        {
            return TwilioErrors.Result(http, bad with { Field = "Code" });
        }

        var checkedCode = await verifications.CheckAsync(
            http.User.ApiKeyId(), service!, Parameter(form!, "VerificationSid"), Parameter(form!, "To"), code!, ct);
        return checkedCode.IsSuccess
            ? TypedResults.Json(TwilioVerificationCheck.From(checkedCode.Value, AccountSid(http), time.GetUtcNow()), TwilioJsonContext.Default.TwilioVerificationCheck)
            : TwilioErrors.Result(http, checkedCode.Error);
    }

    private static async Task<IResult> RespondAsync(HttpContext http, Challenge challenge, int status, CancellationToken ct)
    {
        var services = http.RequestServices;
        await using var read = await services.GetRequiredService<Core.Storage.IStore>().OpenReadAsync(ct);
        var deliveries = await read.Deliveries.ListAsync(challenge.Id, ct);
        var baseUrl = services.GetRequiredService<IOptions<VerigateOptions>>().Value.PublicBase.ToString().TrimEnd('/');
        var body = TwilioVerification.From(challenge, AccountSid(http), deliveries, services.GetRequiredService<TimeProvider>().GetUtcNow(), baseUrl);
        return TypedResults.Json(body, TwilioJsonContext.Default.TwilioVerification, statusCode: status);
    }

    /// <summary>The service and the form, or Twilio's answer to why not (unknown service first: it is part of the address).</summary>
    private static async Task<(VerifyService? Service, IFormCollection? Form, IResult? Refused)> ReadAsync(
        HttpContext http, VerifyServiceDirectory services, string serviceSid, CancellationToken ct)
    {
        if (await services.FindAsync(serviceSid, ct) is not { } service)
        {
            return (null, null, TwilioErrors.Result(http, Error.NotFound()));
        }

        if (!http.Request.HasFormContentType)
        {
            return (null, null, TwilioErrors.Result(http, Error.InvalidRequest("body", "Send the parameters form-encoded (application/x-www-form-urlencoded).")));
        }

        try
        {
            var form = await http.Request.ReadFormAsync(ct);
            var tooLong = form.FirstOrDefault(p => p.Value.Count > 1 || p.Value.ToString().Length > MaxParameterLength || p.Value.ToString().Any(char.IsControl));
            return tooLong.Key is null
                ? (service, form, null)
                : (null, null, TwilioErrors.Result(http, Error.InvalidRequest(tooLong.Key, $"{tooLong.Key} must be one value of at most {MaxParameterLength} printable characters.")));
        }
        catch (InvalidDataException)
        {
            return (null, null, TwilioErrors.Result(http, Error.InvalidRequest("body", "The form could not be read.")));
        }
    }

    private static string? Parameter(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    private static string AccountSid(HttpContext http) => http.User.FindFirst(AuthSchemes.TwilioAccountSidClaim)?.Value ?? "AC";
}
