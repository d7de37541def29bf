using System.Globalization;
using Verigate.Core.Results;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>Verigate.Server webhook add --url U [--events a,b] | list | rotate-secret --id X | remove --id X |
/// deliveries --id X [--state dead] | replay --id X [--delivery N]</c>: the operator's endpoints, which receive every
/// event (API keys manage their own under /v1/webhooks). A secret is printed once, on stdout.
/// </summary>
public static class WebhookCommand
{
    public const string Usage =
        "usage: webhook add --url <https-url> [--events type,type] | webhook list | webhook rotate-secret --id <id>\n" +
        "       webhook remove --id <id> | webhook deliveries --id <id> [--state pending|delivered|dead]\n" +
        "       webhook replay --id <id> [--delivery <delivery-id>]";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "webhook";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var endpoints = services.GetRequiredService<WebhookEndpoints>();
        var ct = CancellationToken.None;
        var id = Option(args, "--id");
        switch (args.ElementAtOrDefault(1))
        {
            case "add" when Option(args, "--url") is { } url:
                var events = Option(args, "--events")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var added = await endpoints.AddAsync(null, url, events, ct);
                if (!added.IsSuccess)
                {
                    return await FailAsync(error, added.Error);
                }

                await output.WriteLineAsync(added.Value.Secret);
                await error.WriteLineAsync($"Added webhook endpoint {added.Value.Endpoint.Id}. Store its secret now: it is shown only this once.");
                return 0;

            case "list":
                foreach (var e in await endpoints.ListAsync(null, ct))
                {
                    await output.WriteLineAsync($"{e.Id}\t{e.Url}\t{(e.EventTypes.Count == 0 ? "*" : string.Join(",", e.EventTypes))}\t{e.OwnerKey ?? "operator"}\tcreated {e.CreatedAt:u}");
                }

                return 0;

            case "rotate-secret" when id is not null:
                var rotated = await endpoints.RotateSecretAsync(null, id, ct);
                if (!rotated.IsSuccess)
                {
                    return await FailAsync(error, rotated.Error);
                }

                await output.WriteLineAsync(rotated.Value);
                await error.WriteLineAsync("New secret above; the previous one keeps signing alongside it for Webhooks:PreviousSecretValidFor.");
                return 0;

            case "remove" when id is not null:
                var removed = await endpoints.RemoveAsync(null, id, ct);
                if (!removed.IsSuccess)
                {
                    return await FailAsync(error, removed.Error);
                }

                await output.WriteLineAsync($"Removed webhook endpoint {id}.");
                return 0;

            case "deliveries" when id is not null:
                var listed = await endpoints.DeliveriesAsync(null, id, Option(args, "--state"), 100, ct);
                if (!listed.IsSuccess)
                {
                    return await FailAsync(error, listed.Error);
                }

                foreach (var d in listed.Value)
                {
                    await output.WriteLineAsync($"{d.Id}\t{d.EventId}\t{d.State}\tattempts={d.Attempts}\t{d.LastError}");
                }

                return 0;

            case "replay" when id is not null:
                long? delivery = null;
                if (Option(args, "--delivery") is { } raw)
                {
                    if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                    {
                        await error.WriteLineAsync("--delivery takes a delivery id (a number).");
                        return 2;
                    }

                    delivery = parsed;
                }

                var replayed = await endpoints.ReplayAsync(null, id, delivery, ct);
                if (!replayed.IsSuccess)
                {
                    return await FailAsync(error, replayed.Error);
                }

                await output.WriteLineAsync($"Replaying {replayed.Value} dead deliveries of {id}.");
                return 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> FailAsync(TextWriter error, Error e)
    {
        await error.WriteLineAsync($"{e.Code}: {e.Message}");
        return 1;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
