using Verigate.Core.Audit;
using Verigate.Core.Devices;
using Verigate.Core.Identifiers;
using Verigate.Core.Storage;
using Verigate.Core.Webhooks;

namespace Verigate.Core.Sessions;

/// <summary>Creates devices and sessions; the secrets are returned once and stored only as hashes.</summary>
public sealed class SessionIssuer(TimeProvider time, SnowflakeIdGenerator ids, SessionPolicyOptions options)
{
    public const int MaxDeviceNameLength = 100;

    /// <summary>The name of a device whose client gave none.</summary>
    public const string UnnamedDevice = "Unnamed device";

    /// <summary>Registers a new device (trusted if asked) and opens a session on it.</summary>
    public async Task<IssuedSession> SignInNewDeviceAsync(
        IStoreSession tx, long userId, string? deviceName, bool trust, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var deviceToken = trust ? SecureTokens.Create("vgd_") : null;
        var device = new Device(
            ids.Next(), userId, DisplayName(deviceName),
            deviceToken is null ? null : SecureTokens.Hash(deviceToken), trust, now, now);
        await tx.Devices.InsertAsync(device, ct);
        if (trust)
        {
            await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.DeviceTrusted, userId, ClientIp: client.Ip, Detail: $"device={device.DeviceId}"), ct);
        }

        var session = await OpenAsync(tx, userId, device.DeviceId, client, ct);
        await WebhookPublisher.PublishAsync(tx, WebhookEventTypes.NewDeviceSignIn, $"user:{userId}", null,
            new System.Text.Json.Nodes.JsonObject { ["userId"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["deviceId"] = device.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["deviceName"] = device.Name, ["trusted"] = trust }, now, ct);
        return session with { DeviceToken = deviceToken };
    }

    private static string DisplayName(string? deviceName) =>
        string.IsNullOrWhiteSpace(deviceName) ? UnnamedDevice
        : deviceName.Length > MaxDeviceNameLength ? deviceName[..MaxDeviceNameLength] : deviceName;

    /// <summary>Opens a session on a device the account already has.</summary>
    public async Task<IssuedSession> OpenAsync(IStoreSession tx, long userId, long deviceId, ClientContext client, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = SecureTokens.Create("vgs_");
        await tx.Sessions.InsertAsync(
            new UserSession(SessionIds.New(), SecureTokens.Hash(token), userId, deviceId, now, now + options.Lifetime), ct);
        await tx.Devices.TouchAsync(deviceId, now, ct);
        await tx.Audit.AppendAsync(new AuditEvent(now, AuditEventTypes.SessionCreated, userId, ClientIp: client.Ip, Detail: $"device={deviceId}"), ct);
        return new IssuedSession(token, userId, deviceId, null);
    }
}
