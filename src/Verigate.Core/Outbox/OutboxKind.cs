namespace Verigate.Core.Outbox;

/// <summary>What an outbox row carries.</summary>
public enum OutboxKind
{
    /// <summary>A one-time code.</summary>
    Code,

    /// <summary>A security notice, such as "your password was changed".</summary>
    Notice,

    /// <summary>
    /// Stands in for a code that must not be sent (password reset of an unknown login, or a throttled send):
    /// the dispatcher records the same timeline as for a real message and sends nothing.
    /// </summary>
    Decoy,
}
