using System.Globalization;
using Verigate.Core.Devices;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.Devices;

/// <summary>
/// One device, as <c>GET /v1/me/devices</c> lists it: its public id, and whether its token skips the second step now
/// (<c>remembered</c>, until <c>rememberedUntil</c>).
/// </summary>
public sealed record AccountDeviceResponse(
    string DeviceId, string Name, DateTime CreatedAt, DateTime LastSeenAt, bool Remembered, DateTime? RememberedUntil, bool Current)
{
    public static AccountDeviceResponse From(AccountDevice d) => new(
        d.Device.DeviceId.ToString(CultureInfo.InvariantCulture), d.Device.Name, Rfc3339.Utc(d.Device.CreatedAt), Rfc3339.Utc(d.Device.LastSeenAt),
        d.RememberedUntil is not null, d.RememberedUntil is { } until ? Rfc3339.Utc(until) : null, d.Current);
}
