using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Devices;
using Verigate.Core.Results;
using Verigate.Server.Api.Auth;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Devices;

/// <summary>The signed-in person's devices (the "device IDs" people are shown), and forgetting a remembered one.</summary>
public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/me/devices").RequireAuthorization(AuthSchemes.Session).WithTags("Account API");
        group.MapGet("/", ListAsync);
        group.MapDelete("/{deviceId}/trust", ForgetAsync);
        return routes;
    }

    private static async Task<Ok<List<AccountDeviceResponse>>> ListAsync(HttpContext http, AccountDevices devices, CancellationToken ct) =>
        TypedResults.Ok((await devices.ListAsync(http.User.UserId(), http.User.DeviceId(), ct)).Select(AccountDeviceResponse.From).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> ForgetAsync(string deviceId, HttpContext http, AccountDevices devices, CancellationToken ct)
    {
        // Device ids are decimal strings of positive 64-bit numbers (docs/api.md); anything else is a malformed request.
        if (!long.TryParse(deviceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return ProblemResults.From(http, Error.InvalidRequest("deviceId", "'deviceId' is not a device id (a decimal number)."));
        }

        var forgotten = await devices.ForgetAsync(http.User.UserId(), id, ClientContextFactory.From(http), ct);
        return forgotten.IsSuccess ? TypedResults.NoContent() : ProblemResults.From(http, forgotten.Error);
    }
}
