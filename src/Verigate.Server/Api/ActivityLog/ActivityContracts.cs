using Verigate.Core.ActivityLog;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.ActivityLog;

/// <summary>One security event of the account: what happened (<c>type</c>), when, on which device and from which address, in words.</summary>
public sealed record ActivityEntryResponse(string Type, DateTime At, string? DeviceName, string? Ip, string Detail)
{
    public static ActivityEntryResponse From(ActivityEntry e) => new(e.Type, Rfc3339.Utc(e.At), e.DeviceName, e.Ip, e.Detail);
}
