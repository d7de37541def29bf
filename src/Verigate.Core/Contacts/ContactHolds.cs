using Verigate.Core.Destinations;
using Verigate.Core.Storage;

namespace Verigate.Core.Contacts;

/// <summary>The addresses of an account still in their safety hold after a change (see <see cref="ContactOptions.ChangeHold"/>).</summary>
public static class ContactHolds
{
    /// <summary>The addresses that may not be used to reset the password now.</summary>
    public static async Task<IReadOnlySet<Destination>> HeldAsync(IStoreSession session, long userId, DateTimeOffset now, CancellationToken ct) =>
        (await session.Contacts.HoldingAsync(userId, now, ct)).Select(h => h.To).ToHashSet();
}
