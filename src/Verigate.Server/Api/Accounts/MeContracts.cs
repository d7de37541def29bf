using System.Globalization;
using Verigate.Core.Devices;
using Verigate.Server.Api.Json;
using Verigate.Server.Api.SignUp;

namespace Verigate.Server.Api.Accounts;

public sealed record UpdateMeRequest(string? Username);

public sealed record MeResponse(string UserId, string Username, IReadOnlyList<ContactResponse> Contacts, IReadOnlyList<DeviceResponse> Devices, TwoFactorResponse TwoFactor);

public sealed record DeviceResponse(string DeviceId, string Name, bool Trusted, DateTime CreatedAt, DateTime LastSeenAt, bool Current)
{
    public static DeviceResponse From(Device d, long currentDeviceId) =>
        new(d.DeviceId.ToString(CultureInfo.InvariantCulture), d.Name, d.Trusted, Rfc3339.Utc(d.CreatedAt), Rfc3339.Utc(d.LastSeenAt), d.DeviceId == currentDeviceId);
}

/// <summary>Two-factor state: the authenticator app, passkeys (not built yet, always 0) and unused recovery codes.</summary>
public sealed record TwoFactorResponse(bool Totp, int Passkeys, int RecoveryCodesRemaining);
