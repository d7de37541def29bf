using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Core.Storage;
using Verigate.Server.Api.Json;

namespace Verigate.Server.Api.DevInbox;

public sealed record DevMessageResponse(string Id, string To, string Channel, string? Subject, string Body, DateTime CreatedAt)
{
    public static DevMessageResponse From(DevMessage m) =>
        new(m.Id.ToString(CultureInfo.InvariantCulture), m.To, m.Channel, m.Subject, m.Body, Rfc3339.Utc(m.CreatedAt));
}

/// <summary>
/// The built-in development inbox: exists only while no real channel is configured. It shows codes, by design,
/// which is why start-up says so loudly.
/// </summary>
public static class DevInboxApi
{
    private const int MaxMessages = 100;

    public static IEndpointRouteBuilder MapDevInbox(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/dev/messages", ListAsync).WithTags("Development inbox");
        routes.MapGet("/dev/inbox", PageAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Ok<List<DevMessageResponse>>> ListAsync(string? to, IStore store, CancellationToken ct)
    {
        var messages = await LoadAsync(store, to, ct);
        return TypedResults.Ok(messages.Select(DevMessageResponse.From).ToList());
    }

    private static async Task<ContentHttpResult> PageAsync(string? to, IStore store, CancellationToken ct)
    {
        var messages = await LoadAsync(store, to, ct);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Verigate development inbox</title>")
            .Append("<style>body{font:15px system-ui;margin:2rem;max-width:60rem}article{border:1px solid #ccc;border-radius:6px;padding:.75rem;margin:.75rem 0}")
            .Append("pre{white-space:pre-wrap}.warn{background:#fee;border:1px solid #c00;padding:.5rem}</style></head><body>")
            .Append("<h1>Development inbox</h1><p class=\"warn\">No real channel is configured: messages stop here. Never run like this for real users.</p>");
        foreach (var m in messages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<article><b>{Encode(m.Channel)}</b> to <b>{Encode(m.To)}</b> at {m.CreatedAt:u}");
            if (m.Subject is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<br>Subject: {Encode(m.Subject)}");
            }

            html.Append(CultureInfo.InvariantCulture, $"<pre>{Encode(m.Body)}</pre></article>");
        }

        html.Append(messages.Count == 0 ? "<p>No messages yet.</p>" : string.Empty).Append("</body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>Looks a destination up in its normalized form, so "+49 151 …" finds "+49151…".</summary>
    private static async Task<IReadOnlyList<DevMessage>> LoadAsync(IStore store, string? to, CancellationToken ct)
    {
        string? key = null;
        if (!string.IsNullOrWhiteSpace(to))
        {
            // An unencoded "?to=+4915…" arrives as " 4915…" (a '+' in a query means a space): put the '+' back.
            var trimmed = to.Trim();
            if (to.StartsWith(' ') && trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c == ' '))
            {
                trimmed = "+" + trimmed.Replace(" ", string.Empty, StringComparison.Ordinal);
            }

            var alreadyE164 = trimmed.Length > 1 && trimmed[0] == '+' && trimmed.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
            var parsed = alreadyE164 ? default : DestinationParser.ParseEither(trimmed, "to");
            key = !alreadyE164 && parsed.IsSuccess ? parsed.Value.Value : trimmed;
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.DevInbox.ListAsync(key, MaxMessages, ct);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
