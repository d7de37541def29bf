using System.CommandLine;
using Verigate.Core.Results;
using Verigate.Server.Webhooks;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>webhook add --url U [--events a,b] | list | rotate-secret --id X | remove --id X | deliveries --id X
/// [--state dead] | replay --id X [--delivery N]</c>: the operator's endpoints, which receive every event (API keys
/// manage their own under /v1/webhooks). A secret is printed once, on stdout.
/// </summary>
public static class WebhookCommand
{
    public static Command Create()
    {
        var webhook = new Command("webhook", "Manage the operator's webhook endpoints (they receive every event of every API key).");
        webhook.Subcommands.Add(AddCommand());
        webhook.Subcommands.Add(ListCommand());
        webhook.Subcommands.Add(RotateCommand());
        webhook.Subcommands.Add(RemoveCommand());
        webhook.Subcommands.Add(DeliveriesCommand());
        webhook.Subcommands.Add(ReplayCommand());
        return webhook;
    }

    private static Command AddCommand()
    {
        var url = new Option<string>("--url") { Description = "The endpoint's https URL (plain http only on loopback).", Required = true };
        var events = new Option<string?>("--events") { Description = "Comma-separated event types to receive (default: all)." };
        var add = new Command("add", "Add an endpoint and print its signing secret (whsec_…) once, on stdout.") { url, events }.AcceptingSettings();
        add.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            var types = parsed.GetValue(events)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var added = await endpoints.AddAsync(null, parsed.GetValue(url)!, types, ct);
            if (!added.IsSuccess)
            {
                return await FailAsync(added.Error);
            }

            await Console.Out.WriteLineAsync(added.Value.Secret);
            await Console.Error.WriteLineAsync($"Added webhook endpoint {added.Value.Endpoint.Id}. Store its secret now: it is shown only this once.");
            return 0;
        }, ct));
        return add;
    }

    private static Command ListCommand()
    {
        var list = new Command("list", "List endpoints: id, URL, event types, owner, creation time. Secrets are never shown.").AcceptingSettings();
        list.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            foreach (var e in await endpoints.ListAsync(null, ct))
            {
                await Console.Out.WriteLineAsync($"{e.Id}\t{e.Url}\t{(e.EventTypes.Count == 0 ? "*" : string.Join(",", e.EventTypes))}\t{e.OwnerKey ?? "operator"}\tcreated {e.CreatedAt:u}");
            }

            return 0;
        }, ct));
        return list;
    }

    private static Command RotateCommand()
    {
        var id = IdOption();
        var rotate = new Command("rotate-secret", "Give an endpoint a new secret (printed once); the previous one keeps signing for a while.") { id }.AcceptingSettings();
        rotate.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            var rotated = await endpoints.RotateSecretAsync(null, parsed.GetValue(id)!, ct);
            if (!rotated.IsSuccess)
            {
                return await FailAsync(rotated.Error);
            }

            await Console.Out.WriteLineAsync(rotated.Value);
            await Console.Error.WriteLineAsync("New secret above; the previous one keeps signing alongside it for Webhooks:PreviousSecretValidFor.");
            return 0;
        }, ct));
        return rotate;
    }

    private static Command RemoveCommand()
    {
        var id = IdOption();
        var remove = new Command("remove", "Remove an endpoint; nothing more is sent to it.") { id }.AcceptingSettings();
        remove.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            var removed = await endpoints.RemoveAsync(null, parsed.GetValue(id)!, ct);
            if (!removed.IsSuccess)
            {
                return await FailAsync(removed.Error);
            }

            await Console.Out.WriteLineAsync($"Removed webhook endpoint {parsed.GetValue(id)}.");
            return 0;
        }, ct));
        return remove;
    }

    private static Command DeliveriesCommand()
    {
        var id = IdOption();
        var state = new Option<string?>("--state") { Description = "Only deliveries in this state." };
        state.AcceptOnlyFromAmong("pending", "delivered", "dead");
        var deliveries = new Command("deliveries", "List an endpoint's recent deliveries (newest 100).") { id, state }.AcceptingSettings();
        deliveries.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            var listed = await endpoints.DeliveriesAsync(null, parsed.GetValue(id)!, parsed.GetValue(state), 100, ct);
            if (!listed.IsSuccess)
            {
                return await FailAsync(listed.Error);
            }

            foreach (var d in listed.Value)
            {
                await Console.Out.WriteLineAsync($"{d.Id}\t{d.EventId}\t{d.State}\tattempts={d.Attempts}\t{d.LastError}");
            }

            return 0;
        }, ct));
        return deliveries;
    }

    private static Command ReplayCommand()
    {
        var id = IdOption();
        var delivery = new Option<long?>("--delivery") { Description = "Replay only this dead delivery (default: every dead one of the endpoint)." };
        var replay = new Command("replay", "Send an endpoint's dead deliveries again.") { id, delivery }.AcceptingSettings();
        replay.SetAction((parsed, ct) => WithEndpointsAsync(parsed, async endpoints =>
        {
            var replayed = await endpoints.ReplayAsync(null, parsed.GetValue(id)!, parsed.GetValue(delivery), ct);
            if (!replayed.IsSuccess)
            {
                return await FailAsync(replayed.Error);
            }

            await Console.Out.WriteLineAsync($"Replaying {replayed.Value} dead deliveries of {parsed.GetValue(id)}.");
            return 0;
        }, ct));
        return replay;
    }

    private static async Task<int> WithEndpointsAsync(ParseResult parsed, Func<WebhookEndpoints, Task<int>> run, CancellationToken ct)
    {
        await using var app = await VerigateHost.BuildOpenAsync(parsed.Settings(), ct);
        return await run(app.Services.GetRequiredService<WebhookEndpoints>());
    }

    private static Option<string> IdOption() => new("--id") { Description = "The endpoint's id (whe_…).", Required = true };

    private static async Task<int> FailAsync(Error e)
    {
        await Console.Error.WriteLineAsync($"{e.Code}: {e.Message}");
        return 1;
    }
}
