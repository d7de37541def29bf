using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Verigate.Client.Attempts;
using Verigate.Client.Verifications;

namespace Verigate.Client;

/// <summary>
/// The Verify API as typed calls. Register it with <see cref="VerigateServiceCollectionExtensions.AddVerigateClient"/>
/// (an <see cref="IHttpClientFactory"/> typed client); every refusal comes back as a <see cref="VerigateProblem"/>.
/// </summary>
/// <param name="http">An HTTP client whose base address and API key are set (the registration does it).</param>
public sealed class VerigateClient(HttpClient http)
{
    /// <summary>Starts a verification: a code goes to the destination.</summary>
    /// <param name="request">Destination, channel and options.</param>
    /// <param name="idempotencyKey">Retrying with the same key sends nothing new and replays the first answer.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<Verification>> StartVerificationAsync(StartVerification request, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/verifications", Body(request, ClientJsonContext.Default.StartVerification), ClientJsonContext.Default.Verification, idempotencyKey, ct);

    /// <summary>Sends the same code again (after the wait the last answer named).</summary>
    /// <param name="id">The verification id.</param>
    /// <param name="idempotencyKey">Retrying with the same key sends nothing new.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<VerificationResent>> ResendVerificationAsync(string id, string? idempotencyKey = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"v1/verifications/{Escape(id)}/resend", EmptyObject(), ClientJsonContext.Default.VerificationResent, idempotencyKey, ct);

    /// <summary>Checks a code the person typed: <c>approved</c>, or a problem such as <c>code_incorrect</c>.</summary>
    /// <param name="id">The verification id.</param>
    /// <param name="code">The digits as typed.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<VerificationStatus>> CheckVerificationAsync(string id, string code, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"v1/verifications/{Escape(id)}/check",
            Body(new Dictionary<string, string> { ["code"] = code }, ClientJsonContext.Default.DictionaryStringString), ClientJsonContext.Default.VerificationStatus, null, ct);

    /// <summary>Reads a verification and its delivery timeline.</summary>
    /// <param name="id">The verification id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<VerificationDetails>> GetVerificationAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"v1/verifications/{Escape(id)}", null, ClientJsonContext.Default.VerificationDetails, null, ct);

    /// <summary>Cancels a pending verification; its code stops working.</summary>
    /// <param name="id">The verification id.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<VerificationStatus>> CancelVerificationAsync(string id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"v1/verifications/{Escape(id)}/cancel", null, ClientJsonContext.Default.VerificationStatus, null, ct);

    /// <summary>Counts this key's verifications and how many converted.</summary>
    /// <param name="filter">Time range, channel, country, prefix; null for everything kept.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<AttemptsSummary>> GetAttemptsSummaryAsync(AttemptFilter? filter = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "v1/attempts/summary" + Query(filter, null, null), null, ClientJsonContext.Default.AttemptsSummary, null, ct);

    /// <summary>Lists this key's verifications, newest first.</summary>
    /// <param name="filter">Time range, channel, country, prefix; null for everything kept.</param>
    /// <param name="limit">1-100 per page.</param>
    /// <param name="cursor">The previous page's <see cref="AttemptPage.NextCursor"/>.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<VerigateResult<AttemptPage>> ListAttemptsAsync(AttemptFilter? filter = null, int? limit = null, string? cursor = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "v1/attempts" + Query(filter, limit, cursor), null, ClientJsonContext.Default.AttemptPage, null, ct);

    private async Task<VerigateResult<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> answer, string? idempotencyKey, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var value = await response.Content.ReadFromJsonAsync(answer, ct).ConfigureAwait(false);
            return value is null
                ? VerigateResult<T>.Failure(Transport((int)response.StatusCode, "The answer had no body."))
                : VerigateResult<T>.Success(value);
        }

        return VerigateResult<T>.Failure(await ProblemReader.ReadAsync(response, ct).ConfigureAwait(false));
    }

    private static JsonContent Body<T>(T value, JsonTypeInfo<T> type) => JsonContent.Create(value, type);

    private static StringContent EmptyObject() => new("{}", Encoding.UTF8, "application/json");

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static string Query(AttemptFilter? f, int? limit, string? cursor)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", f?.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("to", f?.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add("channel", f?.Channel);
        Add("country", f?.Country);
        Add("prefix", f?.Prefix);
        Add("limit", limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    internal static VerigateProblem Transport(int status, string detail) =>
        new(status, VerigateProblem.Codes.Transport, null, detail, null, null, null);
}
