
namespace Verigate.Core.Contacts;

/// <summary>Contact changes and the contact writes they need beyond sign-up's (<see cref="Accounts.IAccountStore"/>).</summary>
public interface IContactStore
{
    /// <summary>Inserts a verified contact; false when another account already has the address verified.</summary>
    Task<bool> TryInsertVerifiedAsync(Contact contact, DateTimeOffset verifiedAt, CancellationToken ct);

    /// <summary>Sets where the contact ranks among the account's contacts (earlier = picked first; see <see cref="Contact.Rank"/>).</summary>
    Task SetRankAsync(long contactId, DateTimeOffset rank, CancellationToken ct);

    /// <summary>Deletes the account's contact; false when it has no such contact.</summary>
    Task<bool> DeleteAsync(long userId, long contactId, CancellationToken ct);

    Task InsertChangeAsync(ContactChange change, CancellationToken ct);

    Task<ContactChange?> GetChangeAsync(string id, CancellationToken ct);

    /// <summary>Marks the change undone if it was not yet: a conditional update, so one of any number of parallel undos wins.</summary>
    Task<bool> TryMarkUndoneAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>The account's changes not undone whose hold lasts beyond <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ContactChange>> HoldingAsync(long userId, DateTimeOffset now, CancellationToken ct);
}
