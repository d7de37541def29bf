
namespace Verigate.Core.Outbox;

/// <summary>Where an outbox row stands.</summary>
public enum OutboxState
{
    Pending,
    Sent,
    Failed,
    Dropped,
}
