using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.ActionLinks;

/// <summary>
/// What one kind of link does. A new kind is one class implementing this plus one registration line
/// (<c>services.AddActionLinkHandler&lt;T&gt;()</c>); the page, the token, expiry and single use are shared.
/// </summary>
public interface IActionLinkHandler
{
    /// <summary>The stable name stored with each link (snake_case, such as <c>undo_contact_change</c>).</summary>
    string Kind { get; }

    /// <summary>How long a link of this kind stays valid after the notice is queued.</summary>
    TimeSpan ValidFor { get; }

    /// <summary>What the page says the button will do; called by the GET, which changes nothing.</summary>
    ActionLinkPrompt Describe(ActionLink link);

    /// <summary>
    /// Acts, inside the transaction that has just redeemed the link; writes its audit events and notices in it.
    /// A failure rolls everything back, so the link stays usable.
    /// </summary>
    Task<Result<ActionLinkDone>> ActAsync(IStoreSession tx, ActionLink link, ActionLinkContext context, CancellationToken ct);
}
