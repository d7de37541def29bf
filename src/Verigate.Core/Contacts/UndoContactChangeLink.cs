using Verigate.Core.ActionLinks;
using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Contacts;

/// <summary>
/// The link in the notice about a contact change: its button takes the new address off the account, puts back the one
/// it replaced as primary, and signs out every session and forgets every remembered device (whoever made the change
/// may still be signed in).
/// </summary>
public sealed class UndoContactChangeLink(ContactOptions options, Identifiers.SnowflakeIdGenerator ids) : IActionLinkHandler
{
    public const string LinkKind = "undo_contact_change";

    public string Kind => LinkKind;

    public TimeSpan ValidFor => options.UndoFor;

    // Keys of the pages' texts (en, es, de; see Server/Web/Shared/Text*.resx), which the link page shows in the person's language.
    public ActionLinkPrompt Describe(ActionLink link) => new("link.undo.title", "link.undo.explanation", "link.undo.button");

    public async Task<Result<ActionLinkDone>> ActAsync(IStoreSession tx, ActionLink link, ActionLinkContext context, CancellationToken ct)
    {
        var now = context.Now;
        if (await tx.Contacts.GetChangeAsync(link.Payload, ct) is not { } change || change.UserId != link.UserId
            || !await tx.Contacts.TryMarkUndoneAsync(change.Id, now, ct))
        {
            return new Error(ErrorCodes.LinkInvalid, "This change was already undone.");
        }

        var userId = change.UserId;
        await tx.Contacts.DeleteAsync(userId, change.ContactId, ct);
        if (change is { Replaced: { } replaced, ReplacedRank: { } rank })
        {
            var contacts = await tx.Accounts.ContactsOfAsync(userId, ct);
            if (contacts.FirstOrDefault(c => c.Destination == replaced) is { } still)
            {
                await tx.Contacts.SetRankAsync(still.ContactId, rank, ct);
            }
            else
            {
                // Removed after its hold ended: it comes back (unless another account has verified it since).
                var restored = new Contact(ids.Next(), userId, replaced, true, now, rank);
                if (await tx.Contacts.TryInsertVerifiedAsync(restored, now, ct))
                {
                    await tx.Contacts.SetRankAsync(restored.ContactId, rank, ct);
                }
            }
        }

        await tx.Sessions.RevokeAllAsync(userId, now, ct);
        await tx.Devices.RevokeTrustAsync(userId, ct);
        var locale = (await tx.Accounts.GetAsync(userId, ct))?.Locale ?? "en";
        await ContactEvents.NotifyAsync(tx, await tx.Accounts.ContactsOfAsync(userId, ct), ContactNotices.Undone,
            ContactEvents.Values(change.To, change.Replaced, now, null), locale, now, null, ct);
        await ContactEvents.RecordAsync(tx, userId, ContactEvents.Undone, AuditEventTypes.ContactChangeUndone, change.To, change.ContactId, null,
            context.ClientIp, now, ct);
        return new ActionLinkDone("link.undo.done.title", "link.undo.done");
    }
}
