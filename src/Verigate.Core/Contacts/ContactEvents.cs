using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Audit;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Contacts;

/// <summary>
/// What every contact change leaves, in the change's own transaction: the audit event, the notices and the
/// <c>contact.changed</c> webhook event.
/// </summary>
internal static class ContactEvents
{
    public const string Added = "added";
    public const string Replaced = "replaced";
    public const string Removed = "removed";
    public const string Undone = "undone";

    public static async Task RecordAsync(
        IStoreSession tx, long userId, string change, string auditType, Destination contact, long contactId, string? challengeId, string? clientIp,
        DateTimeOffset now, CancellationToken ct)
    {
        await tx.Audit.AppendAsync(new AuditEvent(now, auditType, userId, challengeId, ClientIp: clientIp,
            Detail: $"change={change} channel={contact.Channel.ToWire()} to={contact.Masked} contact={contactId.ToString(CultureInfo.InvariantCulture)}"), ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.ContactChanged, $"user:{userId}", null, new JsonObject
        {
            ["userId"] = userId.ToString(CultureInfo.InvariantCulture),
            ["change"] = change,
            ["channel"] = contact.Channel.ToWire(),
            ["to"] = contact.Masked,
            ["contactId"] = contactId.ToString(CultureInfo.InvariantCulture),
        }, now, ct);
    }

    /// <summary>
    /// The named values a contact notice carries: masked addresses, the time (minutes, UTC, the same in every
    /// language), and the device's name as the client gave it (the renderer shows it only if plain, see
    /// <see cref="Devices.DeviceNames.Shown"/>).
    /// </summary>
    public static Dictionary<string, string> Values(Destination to, Destination? from, DateTimeOffset when, string? deviceName)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["to"] = to.Masked,
            ["when"] = when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            [SecurityAlerts.NewDeviceAlerts.DeviceValue] = deviceName ?? string.Empty,
        };
        if (from is not null)
        {
            values["from"] = from.Masked;
        }

        return values;
    }

    /// <summary>Queues <paramref name="template"/> with its values to each of <paramref name="contacts"/> that is verified.</summary>
    public static async Task NotifyAsync(
        IStoreSession tx, IEnumerable<Contact> contacts, string template, IReadOnlyDictionary<string, string> values, string locale, DateTimeOffset now,
        Func<Contact, Task<string?>>? linkFor, CancellationToken ct)
    {
        foreach (var contact in contacts.Where(c => c.Verified))
        {
            var linkId = linkFor is null ? null : await linkFor(contact);
            await tx.Outbox.EnqueueAsync(
                new OutboxMessage(0, OutboxKind.Notice, null, contact.Destination, template, locale, now, LinkId: linkId, Values: values), ct);
        }
    }
}
