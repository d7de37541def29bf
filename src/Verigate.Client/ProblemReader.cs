using System.Text.Json;

namespace Verigate.Client;

/// <summary>Reads an RFC 9457 problem (and <c>Retry-After</c>); anything else becomes a <c>transport_error</c>.</summary>
internal static class ProblemReader
{
    public static async Task<VerigateProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return VerigateClient.Transport(status, $"HTTP {status} without a problem document.");
        }

        if (problem.ValueKind != JsonValueKind.Object || String(problem, "code") is not { } code)
        {
            return VerigateClient.Transport(status, $"HTTP {status} without a problem document.");
        }

        TimeSpan? retryAfter = problem.TryGetProperty("retryAfter", out var r) && r.TryGetInt32(out var seconds) ? TimeSpan.FromSeconds(seconds)
            : response.Headers.RetryAfter?.Delta;
        int? remaining = problem.TryGetProperty("attemptsRemaining", out var a) && a.TryGetInt32(out var n) ? n : null;
        return new VerigateProblem(status, code, String(problem, "title"), String(problem, "detail"), String(problem, "field"), retryAfter, remaining);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
