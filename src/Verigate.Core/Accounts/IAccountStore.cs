using Verigate.Core.Contacts;
using Verigate.Core.Destinations;

namespace Verigate.Core.Accounts;

/// <summary>Accounts and their contacts.</summary>
public interface IAccountStore
{
    /// <summary>False when the username (case-insensitively) is taken.</summary>
    Task<bool> TryInsertAsync(Account account, CancellationToken ct);

    Task<Account?> GetAsync(long userId, CancellationToken ct);
    Task<Account?> FindByUsernameAsync(string username, CancellationToken ct);
    Task<Account?> FindByVerifiedContactAsync(Destination destination, CancellationToken ct);
    Task UpdatePasswordAsync(long userId, string passwordHash, CancellationToken ct);

    /// <summary>Gives the account another username; false when another account has it (case-insensitively).</summary>
    Task<bool> TryRenameAsync(long userId, string username, CancellationToken ct);

    Task InsertContactAsync(Contact contact, CancellationToken ct);

    /// <summary>The primary (first verified) contacts of the most recently created accounts, newest first.</summary>
    Task<IReadOnlyList<Destination>> RecentPrimaryContactsAsync(int count, CancellationToken ct);
    Task<IReadOnlyList<Contact>> ContactsOfAsync(long userId, CancellationToken ct);

    /// <summary>False when another account already has this contact verified.</summary>
    Task<bool> TryMarkContactVerifiedAsync(long userId, Destination destination, DateTimeOffset at, CancellationToken ct);
}
