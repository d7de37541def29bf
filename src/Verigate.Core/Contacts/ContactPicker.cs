using Verigate.Core.Destinations;

namespace Verigate.Core.Contacts;

/// <summary>Chooses where an account's codes go: verified contacts first, then by rank (the oldest, unless a change promoted one).</summary>
public static class ContactPicker
{
    public static Contact? Primary(IReadOnlyList<Contact> contacts) =>
        contacts.OrderByDescending(c => c.Verified).ThenBy(c => c.Rank).ThenBy(c => c.ContactId).FirstOrDefault();

    /// <summary>The contacts on channels this server can send on.</summary>
    public static IReadOnlyList<Contact> Reachable(IEnumerable<Contact> contacts, IChannelAvailability channels) =>
        contacts.Where(c => channels.IsAvailable(c.Destination.Channel)).ToList();

    /// <summary>The account's contact for another channel, for "send it by email instead". Verified ones only.</summary>
    public static Destination? OnChannel(IReadOnlyList<Contact> contacts, Channel channel) =>
        contacts.Where(c => c.Verified && c.Destination.Channel == channel).OrderBy(c => c.Rank).ThenBy(c => c.ContactId).FirstOrDefault()?.Destination;
}
