using System.Net;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Verifications;

namespace Verigate.Core.VerifyServices;

/// <summary>
/// Verifications under a Verify service, with Twilio's semantics on Verigate's engine (same codes, limits and
/// timeline as the Verify API): starting again for a number that has a pending verification sends its code again;
/// a check names the verification or its destination; a wrong code is an answer ("pending"), not an error.
/// </summary>
public sealed class ServiceVerifications(
    IStore store, ChallengeEngine engine, IChannelAvailability channels, VerificationService verifications, SmsGuard guard, TimeProvider time)
{
    public async Task<Result<Challenge>> StartAsync(string apiKeyId, VerifyService service, string? to, string? channelName, string? locale, string? clientIp, CancellationToken ct)
    {
        var started = await StartCoreAsync(apiKeyId, service, to, channelName, locale, clientIp, ct);
        if (!started.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, started.Error, null, null, clientIp, ct);
        }

        return started;
    }

    private async Task<Result<Challenge>> StartCoreAsync(string apiKeyId, VerifyService service, string? to, string? channelName, string? locale, string? clientIp, CancellationToken ct)
    {
        var parsedChannel = ChannelNames.Parse(channelName, "Channel");
        if (!parsedChannel.IsSuccess)
        {
            return parsedChannel.Error;
        }

        var channel = parsedChannel.Value;
        if (!channels.IsAvailable(channel))
        {
            return new Error(ErrorCodes.ChannelUnavailable, $"The {channelName} channel is not available on this server.", "Channel");
        }

        var destination = DestinationParser.Parse(to, channel, "To");
        if (!destination.IsSuccess)
        {
            return destination.Error;
        }

        if (locale is not null && VerificationService.LocaleError(locale) is not null)
        {
            return Error.InvalidRequest("Locale", "Locale must be a language tag such as \"en\" or \"de-CH\".");
        }

        if (clientIp is not null && !IPAddress.TryParse(clientIp, out _))
        {
            return Error.InvalidRequest("DeviceIp", "DeviceIp must be an IPv4 or IPv6 address.");
        }

        var subject = ChallengeSubject.ForApiKey(apiKeyId);
        var origin = new SendOrigin(null, clientIp, apiKeyId);
        await using var tx = await store.BeginWriteAsync(ct);
        var pending = await tx.Challenges.FindLatestAsync(subject, service.Sid, destination.Value, time.GetUtcNow(), orExhausted: false, ct);
        var started = pending is not null
            ? await engine.ResendAsync(tx, pending.Id, ChallengeScope.ApiKey(apiKeyId), null, origin, ct)
            : await engine.IssueAsync(
                tx,
                new ChallengeRequest(ChallengePurpose.VerifyApi, subject, destination.Value, locale ?? service.Locale, VerifyApiPurposes.Default,
                    service.CodeLength, ClientIp: clientIp, ServiceSid: service.Sid),
                origin,
                ct);
        if (started.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return started;
    }

    /// <summary>
    /// Checks a code against the verification named by <paramref name="verificationSid"/>, or else the pending one for
    /// <paramref name="to"/>. A wrong code answers the verification as it now is (still pending, one attempt fewer).
    /// </summary>
    public async Task<Result<Challenge>> CheckAsync(string apiKeyId, VerifyService service, string? verificationSid, string? to, string code, CancellationToken ct)
    {
        var found = await LocateAsync(apiKeyId, service, verificationSid, to, ct);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var checkedCode = await verifications.CheckAsync(apiKeyId, found.Value.Id, code, ct);
        if (checkedCode.IsSuccess || checkedCode.Error.Code != ErrorCodes.CodeIncorrect)
        {
            return checkedCode;
        }

        return await FindAsync(apiKeyId, service, found.Value.Id, ct) is { } now ? now : Error.NotFound();
    }

    /// <summary>The verification if it belongs to this key and this service; anything else is simply not found.</summary>
    public async Task<Challenge?> FindAsync(string apiKeyId, VerifyService service, string sid, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var challenge = await ChallengeEngine.FindAsync(read, sid, ChallengeScope.ApiKey(apiKeyId), ct);
        return challenge?.ServiceSid == service.Sid ? challenge : null;
    }

    /// <summary>Ends a pending verification as canceled, or as approved (Twilio lets the integrator approve one itself).</summary>
    public async Task<Result<Challenge>> EndAsync(string apiKeyId, VerifyService service, string sid, ChallengeStatus status, CancellationToken ct)
    {
        if (await FindAsync(apiKeyId, service, sid, ct) is null)
        {
            return Error.NotFound();
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var ended = await engine.CancelAsync(tx, sid, ChallengeScope.ApiKey(apiKeyId), status, ct);
        if (ended.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return ended;
    }

    private async Task<Result<Challenge>> LocateAsync(string apiKeyId, VerifyService service, string? sid, string? to, CancellationToken ct)
    {
        if (sid is not null)
        {
            return await FindAsync(apiKeyId, service, sid, ct) is { } byId ? byId : Error.NotFound();
        }

        if (to is null)
        {
            return Error.InvalidRequest("To", "Either To or VerificationSid must be given.");
        }

        // The destination's channel is not sent with a check: a number is an SMS destination, anything with '@' an address.
        var destination = DestinationParser.Parse(to, to.Contains('@', StringComparison.Ordinal) ? Channel.Email : Channel.Sms, "To");
        if (!destination.IsSuccess)
        {
            return destination.Error;
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.Challenges.FindLatestAsync(ChallengeSubject.ForApiKey(apiKeyId), service.Sid, destination.Value, time.GetUtcNow(), orExhausted: true, ct) is { } byTo
            ? byTo
            : Error.NotFound();
    }
}
