using Verigate.Core.Outbox;
using Verigate.Core.Storage;

namespace Verigate.Core.Accounts;

/// <summary>Queues security notices ("your password was changed") to every verified contact of an account.</summary>
public static class SecurityNotices
{
    public const string PasswordChanged = "notice.password_changed";
    public const string CodeReported = "notice.code_reported";

    public static async Task QueueAsync(IStoreSession tx, long userId, string template, string? challengeId, string locale, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var contact in await tx.Accounts.ContactsOfAsync(userId, ct))
        {
            if (contact.Verified)
            {
                await tx.Outbox.EnqueueAsync(new OutboxMessage(0, OutboxKind.Notice, challengeId, contact.Destination, template, locale, now), ct);
            }
        }
    }
}
