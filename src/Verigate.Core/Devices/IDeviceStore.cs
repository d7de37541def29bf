
namespace Verigate.Core.Devices;

/// <summary>Devices of accounts.</summary>
public interface IDeviceStore
{
    Task InsertAsync(Device device, CancellationToken ct);
    Task<Device?> FindTrustedByTokenHashAsync(byte[] tokenHash, CancellationToken ct);
    Task<IReadOnlyList<Device>> ListAsync(long userId, CancellationToken ct);
    Task TouchAsync(long deviceId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Forgets every device token of the account: each device needs a code again.</summary>
    Task RevokeTrustAsync(long userId, CancellationToken ct);

    /// <summary>One device of the account; null for an unknown id or another account's device.</summary>
    Task<Device?> GetAsync(long userId, long deviceId, CancellationToken ct);

    /// <summary>Forgets one device's token (it needs the second step again); false when it had none to forget.</summary>
    Task<bool> ForgetAsync(long userId, long deviceId, CancellationToken ct);
}
