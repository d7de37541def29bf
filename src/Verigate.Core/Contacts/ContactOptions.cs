namespace Verigate.Core.Contacts;

/// <summary>Adding and changing an account's email addresses and phone numbers (configuration section <c>Contacts</c>).</summary>
public sealed class ContactOptions
{
    public const string Section = "Contacts";

    /// <summary>
    /// How long after a change the new address may not reset the password nor let the address it replaced be
    /// removed: a thief who got into a session cannot lock the owner out at once, and the owner has time to undo.
    /// </summary>
    public TimeSpan ChangeHold { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long the undo link in the notice about a change works.</summary>
    public TimeSpan UndoFor { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Validate()
    {
        if (ChangeHold < TimeSpan.FromHours(1) || ChangeHold > TimeSpan.FromDays(30))
        {
            yield return $"Contacts:ChangeHold must be between 01:00:00 and 30.00:00:00 (now {ChangeHold}).";
        }

        if (UndoFor < TimeSpan.FromDays(1) || UndoFor > TimeSpan.FromDays(30))
        {
            yield return $"Contacts:UndoFor must be between 1.00:00:00 and 30.00:00:00 (now {UndoFor}).";
        }
    }
}
