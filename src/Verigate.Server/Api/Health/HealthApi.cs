using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Storage;
using Verigate.Server.Api.Problems;

namespace Verigate.Server.Api.Health;

/// <summary>Liveness (the process answers) and readiness (the database answers) for load balancers.</summary>
public static class HealthApi
{
    private const string NotReady = "not_ready";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
        routes.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReadyAsync(IStore store, CancellationToken ct)
    {
        try
        {
            await using var read = await store.OpenReadAsync(ct);
            await read.Settings.GetAsync(Storage.Hosting.CodeKeyCheck.FingerprintSetting, ct);
            return TypedResults.Text("ready");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return TypedResults.Problem(
                "The database is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready",
                type: ErrorCatalog.TypePrefix + NotReady, extensions: new Dictionary<string, object?> { ["code"] = NotReady });
        }
    }
}
