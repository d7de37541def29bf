using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Verigate.Core.Destinations;
using Verigate.Core.SignIn;
using Verigate.Core.Storage;

namespace Verigate.Core.PasswordReset;

/// <summary>
/// Where a decoy password reset claims to have sent its code. Drawn from the primary contacts of recent real
/// accounts (the channel, and for phones the country code), so decoys show SMS and email, and countries, in the
/// same mix as real resets do; the rest of the masked address comes from a hash of the login, so asking twice
/// gives the same answer. Nothing of a real address shows beyond what every masked answer shows.
/// </summary>
public sealed class ResetDecoys(IChannelAvailability channels, TimeProvider time)
{
    private const int SampleSize = 256;
    private static readonly TimeSpan SampleLifetime = TimeSpan.FromMinutes(10);

    // Shaped like real addresses (the big providers' initials and common endings, weighted).
    private static readonly string[] DecoyDomains = ["g", "g", "g", "o", "y", "h", "i", "p", "a", "m", "w", "t", "e", "f", "s", "c"];
    private static readonly string[] DecoyEndings = [".com", ".com", ".com", ".com", ".de", ".net", ".org", ".co.uk", ".fr", ".es", ".nl", ".it"];

    private Sample? _sample;

    /// <summary>The decoy destination for <paramref name="login"/>, a login that names no account we will reveal.</summary>
    public async Task<Destination> ForAsync(IStoreSession read, string login, CancellationToken ct)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("verigate-reset-decoy\n" + LoginResolver.LimitKey(login)));
        var sample = await SampleAsync(read, ct);
        var model = sample.Count == 0 ? null : sample[(int)(BitConverter.ToUInt32(digest, 4) % (uint)sample.Count)];
        if (model is null && !channels.IsAvailable(Channel.Email))
        {
            model = new Destination(Channel.Sms, "+15555550100"); // nobody has signed up yet, and only SMS is on
        }

        return model is { IsPhone: true } ? Phone(model, digest) : Email(digest);
    }

    private async Task<IReadOnlyList<Destination>> SampleAsync(IStoreSession read, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_sample is { } cached && now - cached.TakenAt < SampleLifetime)
        {
            return cached.Contacts;
        }

        var contacts = (await read.Accounts.RecentPrimaryContactsAsync(SampleSize, ct))
            .Where(c => channels.IsAvailable(c.Channel)).ToList();
        _sample = new Sample(contacts, now);
        return contacts;
    }

    private static Destination Email(byte[] digest)
    {
        var letter = (char)('a' + (digest[0] % 26));
        var domain = DecoyDomains[digest[1] % DecoyDomains.Length];
        var ending = DecoyEndings[digest[2] % DecoyEndings.Length];
        return new Destination(Channel.Email, $"{letter}@{domain}{ending}");
    }

    /// <summary>The model's country code (what a masked number shows first) and made-up digits after it.</summary>
    private static Destination Phone(Destination model, byte[] digest)
    {
        var countryCode = model.Masked[1..model.Masked.IndexOf(' ', StringComparison.Ordinal)];
        var national = new StringBuilder();
        for (var i = 0; national.Length < model.Value.Length - 1 - countryCode.Length; i++)
        {
            national.Append((char)('0' + (digest[8 + (i % 24)] % 10)));
        }

        return new Destination(Channel.Sms, string.Create(CultureInfo.InvariantCulture, $"+{countryCode}{national}"));
    }

    private sealed record Sample(IReadOnlyList<Destination> Contacts, DateTimeOffset TakenAt);
}
