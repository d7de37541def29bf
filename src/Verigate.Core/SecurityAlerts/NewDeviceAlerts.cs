using System.Globalization;
using Verigate.Core.ActionLinks;
using Verigate.Core.Devices;
using Verigate.Core.Notices;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;

namespace Verigate.Core.SecurityAlerts;

/// <summary>
/// After a sign-in from a new device, every verified contact gets an alert naming the device and the time, each with
/// its own single-use "secure my account" link. Queued in the sign-in's own transaction: no session without its alert.
/// </summary>
public sealed class NewDeviceAlerts(ActionLinkService links)
{
    /// <summary>The value names the notice's text fills in.</summary>
    public const string DeviceValue = "device", AtValue = "at";

    /// <param name="tx">The sign-in's transaction.</param>
    /// <param name="userId">The account signed in.</param>
    /// <param name="contacts">The account's contacts, as the sign-in read them; the verified ones are told.</param>
    /// <param name="deviceName">As the client gave it: the renderer shows it only if plain (<see cref="DeviceNames.Shown"/>).</param>
    /// <param name="at">When.</param>
    /// <param name="ct">Cancels the queuing.</param>
    public async Task QueueAsync(IStoreSession tx, long userId, IReadOnlyList<Contacts.Contact> contacts, string? deviceName, DateTimeOffset at, CancellationToken ct)
    {
        var account = await tx.Accounts.GetAsync(userId, ct);
        var values = new Dictionary<string, string> { [AtValue] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) };
        if (deviceName is not null)
        {
            values[DeviceValue] = deviceName;
        }

        foreach (var contact in contacts.Where(c => c.Verified))
        {
            var link = await links.IssueAsync(tx, userId, SecureAccountLink.LinkKind, string.Empty, ct);
            await tx.Outbox.EnqueueAsync(
                new OutboxMessage(0, OutboxKind.Notice, null, contact.Destination, SecurityNotices.NewDeviceSignIn, account?.Locale ?? "en", at,
                    LinkId: link.Id, Values: values),
                ct);
        }
    }
}
