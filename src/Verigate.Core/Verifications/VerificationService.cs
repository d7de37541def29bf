using System.Net;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Fraud;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Verifications;

/// <summary>The Verify API: integrators verify their own users' phones and addresses on our engine.</summary>
public sealed class VerificationService(IStore store, ChallengeEngine engine, IChannelAvailability channels, SmsGuard guard, ReuseKeys reuseKeys)
{
    public const int MaxLocaleLength = 35;

    public async Task<Result<Challenge>> StartAsync(string apiKeyId, StartVerification request, CancellationToken ct)
    {
        var started = await StartCoreAsync(apiKeyId, request, ct);
        if (!started.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, started.Error, null, null, request.ClientIp, ct);
        }

        return started;
    }

    private async Task<Result<Challenge>> StartCoreAsync(string apiKeyId, StartVerification request, CancellationToken ct)
    {
        var parsedChannel = ChannelNames.Parse(request.Channel);
        if (!parsedChannel.IsSuccess)
        {
            return parsedChannel.Error;
        }

        var channel = parsedChannel.Value;

        if (!channels.IsAvailable(channel))
        {
            return new Error(ErrorCodes.ChannelUnavailable, $"The {request.Channel} channel is not available on this server.", "channel");
        }

        var destination = DestinationParser.Parse(request.To, channel, "to");
        if (!destination.IsSuccess)
        {
            return destination.Error;
        }

        var purpose = request.Purpose ?? VerifyApiPurposes.Default;
        if (!VerifyApiPurposes.All.Contains(purpose))
        {
            return Error.InvalidRequest("purpose", "purpose must be one of: " + string.Join(", ", VerifyApiPurposes.All.Order()) + ".");
        }

        if (request.CodeLength is < CodePolicyOptions.MinimumLength or > CodePolicyOptions.MaximumLength)
        {
            return Error.InvalidRequest("codeLength", $"codeLength must be between {CodePolicyOptions.MinimumLength} and {CodePolicyOptions.MaximumLength}.");
        }

        if (LocaleError(request.Locale) is { } badLocale)
        {
            return badLocale;
        }

        if (request.ClientIp is not null && !IPAddress.TryParse(request.ClientIp, out _))
        {
            return Error.InvalidRequest("clientIp", "clientIp must be an IPv4 or IPv6 address.");
        }

        // Where writers do not queue, the screen reads in the start's own transaction (and a refusal is committed in it);
        // where they do, it must not hold the writer, and records a refusal in a transaction of its own.
        await using var shared = store.WritersQueue ? null : await store.BeginWriteAsync(ct);
        if (await guard.ScreenAsync(store, destination.Value, request.ClientIp, ct, readIn: shared) is { } refused)
        {
            return refused;
        }

        // Starting again for the same key, purpose and destination while a verification is pending sends its code
        // again (Twilio Verify's behaviour), keeping its attempts: asking again buys no new guesses.
        var origin = new SendOrigin(null, request.ClientIp, apiKeyId);
        var reuseKey = reuseKeys.Verification(apiKeyId, purpose, destination.Value);
        await using var opened = shared is null ? await store.BeginWriteAsync(ct) : null;
        var tx = shared ?? opened!;
        var issued = await engine.FindReusableAsync(tx, reuseKey, ct) is { } pending
            ? await engine.ResendReusedAsync(tx, pending, origin, ct)
            : await engine.IssueAsync(
                tx,
                new ChallengeRequest(ChallengePurpose.VerifyApi, ChallengeSubject.ForApiKey(apiKeyId), destination.Value,
                    request.Locale ?? "en", purpose, request.CodeLength, ClientIp: request.ClientIp, ReuseKey: reuseKey),
                origin,
                ct);
        if (issued.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return issued;
    }

    /// <summary>Sends the same code again; a refusal of the SMS guard shows in the verification's timeline.</summary>
    public async Task<Result<Challenge>> ResendAsync(string apiKeyId, string id, string? channelName, CancellationToken ct)
    {
        var resent = await ResendCoreAsync(apiKeyId, id, channelName, ct);
        if (!resent.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, resent.Error, id, null, null, ct);
        }

        return resent;
    }

    private async Task<Result<Challenge>> ResendCoreAsync(string apiKeyId, string id, string? channelName, CancellationToken ct)
    {
        var parsedChannel = ChannelNames.ParseOptional(channelName);
        if (!parsedChannel.IsSuccess)
        {
            return parsedChannel.Error;
        }

        var channel = parsedChannel.Value;

        await using var tx = await store.BeginWriteAsync(ct);
        var scope = ChallengeScope.ApiKey(apiKeyId);
        if (channel is { } wanted && await ChallengeEngine.FindAsync(tx, id, scope, ct) is { } existing && existing.Destination.Channel != wanted)
        {
            return new Error(ErrorCodes.ChannelUnavailable, "A verification's code can only be resent on its own channel; start a new verification.", "channel");
        }

        var resent = await engine.ResendAsync(tx, id, scope, null, new SendOrigin(null, null, apiKeyId), ct);
        if (resent.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return resent;
    }

    public async Task<Result<Challenge>> CheckAsync(string apiKeyId, string id, string code, CancellationToken ct)
    {
        var scope = ChallengeScope.ApiKey(apiKeyId);
        // Where writers queue, a decided check (most of a guessing attack) is answered from a read of its own and never
        // queues; elsewhere the challenge is read in the check's own transaction.
        Result<Challenge>? read = store.WritersQueue ? await engine.ReadForCheckAsync(store, id, scope, ct) : (Result<Challenge>?)null;
        if (read is { IsSuccess: false } refused)
        {
            return refused.Error!;
        }

        await using var tx = await store.BeginWriteAsync(ct);
        var result = read is { } found ? await engine.CheckReadAsync(tx, found.Value, code, ct) : await engine.CheckAsync(tx, id, scope, code, ct);
        await tx.CommitAsync(ct); // a used attempt sticks, right or wrong
        return result;
    }

    public async Task<Result<VerificationDetails>> GetAsync(string apiKeyId, string id, CancellationToken ct)
    {
        await using var read = await store.OpenReadAsync(ct);
        var challenge = await ChallengeEngine.FindAsync(read, id, ChallengeScope.ApiKey(apiKeyId), ct);
        return challenge is null
            ? Error.NotFound()
            : new VerificationDetails(challenge, await read.Deliveries.ListAsync(id, ct));
    }

    public async Task<Result<Challenge>> CancelAsync(string apiKeyId, string id, CancellationToken ct)
    {
        await using var tx = await store.BeginWriteAsync(ct);
        var canceled = await engine.CancelAsync(tx, id, ChallengeScope.ApiKey(apiKeyId), ChallengeStatus.Canceled, ct);
        if (canceled.IsSuccess)
        {
            await tx.CommitAsync(ct);
        }

        return canceled;
    }

    /// <summary>A BCP 47-shaped tag ("en", "de-CH"); unknown languages fall back to English when rendering.</summary>
    public static Error? LocaleError(string? locale) =>
        locale is null || (locale.Length is > 0 and <= MaxLocaleLength && locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            ? null
            : Error.InvalidRequest("locale", "locale must be a language tag such as \"en\" or \"de-CH\".");
}
