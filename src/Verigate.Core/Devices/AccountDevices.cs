using System.Globalization;
using System.Text.Json.Nodes;
using Verigate.Core.Audit;
using Verigate.Core.Results;
using Verigate.Core.Sessions;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Devices;

/// <summary>
/// The account's devices with their public ids, and "forget this device": its token stops standing for the second
/// step at once (its sessions go on; ending those is <see cref="AccountSessions"/>' job). Forgetting only takes
/// access away, so it needs no fresh session.
/// </summary>
public sealed class AccountDevices(IStore store, SessionPolicyOptions policy, TimeProvider time)
{
    public async Task<IReadOnlyList<AccountDevice>> ListAsync(long userId, long currentDeviceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var read = await store.OpenReadAsync(ct);
        return (await read.Devices.ListAsync(userId, ct))
            .Select(d => new AccountDevice(d, d.RememberedUntil(policy.RememberDeviceFor, now), d.DeviceId == currentDeviceId))
            .ToList();
    }

    /// <summary>
    /// Forgets a remembered device; a device that is not remembered (any more) is left as it is and answers alike.
    /// An unknown id or another account's device is <c>device_not_found</c>, the same for both.
    /// </summary>
    public async Task<Result<bool>> ForgetAsync(long userId, long deviceId, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var tx = await store.BeginWriteAsync(ct);
        var device = await tx.Devices.GetAsync(userId, deviceId, ct);
        if (device is null)
        {
            return new Error(ErrorCodes.DeviceNotFound, "You have no device with this id.");
        }

        if (!await tx.Devices.ForgetAsync(userId, deviceId, ct))
        {
            return true; // nothing to forget: nothing changed, nothing to record
        }

        var id = deviceId.ToString(CultureInfo.InvariantCulture);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.DeviceForgotten, userId, ClientIp: client.Ip, Detail: $"device={id}"), ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.DeviceForgotten, $"user:{userId}", null, new JsonObject
        {
            ["userId"] = userId.ToString(CultureInfo.InvariantCulture),
            ["deviceId"] = id,
            ["deviceName"] = device.Name,
        }, now, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
