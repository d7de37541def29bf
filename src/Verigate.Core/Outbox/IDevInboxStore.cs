
namespace Verigate.Core.Outbox;

/// <summary>The development inbox, kept in the store so every instance shows every message.</summary>
public interface IDevInboxStore
{
    /// <summary>Stores a message once per outbox row: a redelivery after a crash is absorbed here.</summary>
    Task DeliverAsync(DevMessage message, CancellationToken ct);

    /// <summary>Newest first; all destinations when <paramref name="to"/> is null.</summary>
    Task<IReadOnlyList<DevMessage>> ListAsync(string? to, int max, CancellationToken ct);
}
