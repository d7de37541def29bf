using Verigate.Core.Accounts;
using Verigate.Core.Audit;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;
using Verigate.Core.Destinations;
using Verigate.Core.Devices;
using Verigate.Core.Fraud;
using Verigate.Core.Identifiers;
using Verigate.Core.RateLimiting;
using Verigate.Core.Results;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.SignUp;

/// <summary>Sign-up: the account, its contacts and a code to the first contact, in one transaction.</summary>
public sealed class SignUpFlow(
    IStore store, ChallengeEngine engine, SmsGuard guard, PasswordHasher passwords, SnowflakeIdGenerator ids, IChannelAvailability channels, TimeProvider time)
{
    public async Task<Result<SignUpResult>> SignUpAsync(SignUpRequest request, ClientContext client, CancellationToken ct)
    {
        var signedUp = await SignUpCoreAsync(request, client, ct);
        if (!signedUp.IsSuccess)
        {
            await guard.RecordRefusalAsync(store, signedUp.Error, null, null, client.Ip, ct);
        }

        return signedUp;
    }

    private async Task<Result<SignUpResult>> SignUpCoreAsync(SignUpRequest request, ClientContext client, CancellationToken ct)
    {
        if (UsernameRules.Validate(request.Username) is { } badUsername)
        {
            return badUsername;
        }

        if (PasswordPolicy.Validate(request.Password, request.Username) is { } weak)
        {
            return weak;
        }

        var destinations = new List<Destination>(2);
        foreach (var (value, channel, field) in new[] { (request.Email, Channel.Email, "email"), (request.Phone, Channel.Sms, "phone") })
        {
            if (value is null)
            {
                continue;
            }

            var parsed = DestinationParser.Parse(value, channel, field);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            if (!channels.IsAvailable(channel))
            {
                return new Error(ErrorCodes.ChannelUnavailable, $"This server cannot send codes by {channel.ToWire()}; use another kind of contact.", field);
            }

            destinations.Add(parsed.Value);
        }

        if (destinations.Count == 0)
        {
            return Error.InvalidRequest("email", "Give an email address or a phone number (or both).");
        }

        // Cheap refusal before the deliberately slow password hash; the insert below settles races.
        await using (var read = await store.OpenReadAsync(ct))
        {
            if (await read.Accounts.FindByUsernameAsync(request.Username, ct) is not null)
            {
                return UsernameTaken();
            }
        }

        // The SMS guard's refusals and blocks are kept even though this sign-up will not be.
        if (await guard.ScreenAsync(store, destinations[0], client.Ip, ct) is { } refused)
        {
            return refused;
        }

        var passwordHash = passwords.Hash(request.Password);
        var now = time.GetUtcNow();
        var account = new Account(ids.Next(), request.Username, passwordHash, now, request.Locale);
        var contacts = destinations.Select(d => new Contact(ids.Next(), account.UserId, d, false, now)).ToList();

        await using var tx = await store.BeginWriteAsync(ct);
        if (!await tx.Accounts.TryInsertAsync(account, ct))
        {
            return UsernameTaken();
        }

        foreach (var contact in contacts)
        {
            await tx.Accounts.InsertContactAsync(contact, ct);
        }

        var challenge = await engine.IssueAsync(
            tx,
            new ChallengeRequest(ChallengePurpose.SignUp, ChallengeSubject.ForAccount(account.UserId), destinations[0],
                request.Locale, DeviceName: request.DeviceName ?? DeviceNames.FromUserAgent(client.UserAgent), ClientIp: client.Ip),
            new SendOrigin(account.UserId, client.Ip),
            ct);
        if (!challenge.IsSuccess)
        {
            return challenge.Error;
        }

        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.AccountCreated, account.UserId, challenge.Value.Id, ClientIp: client.Ip), ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.AccountCreated, $"user:{account.UserId}", null,
            new System.Text.Json.Nodes.JsonObject { ["userId"] = account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["username"] = account.Username }, now, ct);
        await tx.CommitAsync(ct);
        return new SignUpResult(account, contacts, challenge.Value);
    }

    private static Error UsernameTaken() => new(ErrorCodes.UsernameTaken, "This username is taken.", "username");
}
