namespace Verigate.Core.Contacts;

/// <summary>The notices about contact changes (values: <c>to</c>, <c>from</c>, <c>when</c>, <c>device</c>; kept with the outbox row, see <see cref="Outbox.OutboxMessage.Values"/>).</summary>
public static class ContactNotices
{
    /// <summary>"{to} was added to your account on {when} from {device}. Not you? Undo: {link}".</summary>
    public const string Added = "notice.contact_added";

    /// <summary>"{to} replaced {from} …. Not you? Undo: {link}".</summary>
    public const string Changed = "notice.contact_changed";

    /// <summary>"{to} was removed from your account …".</summary>
    public const string Removed = "notice.contact_removed";

    /// <summary>"The change was undone; every session was signed out".</summary>
    public const string Undone = "notice.contact_change_undone";
}
