using System.Globalization;
using Verigate.Core.Challenges;
using Verigate.Core.Destinations;
using Verigate.Core.Results;
using Verigate.Core.Storage;

namespace Verigate.Core.Attempts;

/// <summary>
/// The attempts API: an integrator's verifications and their conversion (approved or not), filtered by time,
/// channel, country and number prefix — what shows an SMS-pumping attack (many sends, no checks) to a prefix.
/// </summary>
public sealed class AttemptService(IStore store)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    private const int MaxPrefixDigits = 14;

    public async Task<Result<AttemptPage>> ListAsync(string apiKeyId, AttemptQuery query, CancellationToken ct)
    {
        var filter = Filter(apiKeyId, query);
        if (!filter.IsSuccess)
        {
            return filter.Error;
        }

        var limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Error.InvalidRequest("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        (DateTimeOffset, string)? before = null;
        if (query.Cursor is not null)
        {
            if (ParseCursor(query.Cursor) is not { } position)
            {
                return Error.InvalidRequest("cursor", "cursor must be a value returned as nextCursor.");
            }

            before = position;
        }

        await using var read = await store.OpenReadAsync(ct);
        var items = await read.Attempts.ListAsync(filter.Value, before, limit + 1, ct);
        var page = items.Take(limit).ToList();
        return new AttemptPage(page, items.Count > limit ? Cursor(page[^1]) : null);
    }

    public async Task<Result<AttemptSummary>> SummarizeAsync(string apiKeyId, AttemptQuery query, CancellationToken ct)
    {
        var filter = Filter(apiKeyId, query);
        if (!filter.IsSuccess)
        {
            return filter.Error;
        }

        await using var read = await store.OpenReadAsync(ct);
        return await read.Attempts.SummarizeAsync(filter.Value, ct);
    }

    private Result<AttemptFilter> Filter(string apiKeyId, AttemptQuery q)
    {
        var to = DateTimeOffset.MaxValue; // by default, up to and including the newest
        if (q.To is not null && !TryParseInstant(q.To, out to))
        {
            return Error.InvalidRequest("to", "to must be an RFC 3339 timestamp such as 2026-03-01T00:00:00Z.");
        }

        var from = DateTimeOffset.UnixEpoch; // by default, everything the store still keeps (Storage:Retention)
        if (q.From is not null && !TryParseInstant(q.From, out from))
        {
            return Error.InvalidRequest("from", "from must be an RFC 3339 timestamp such as 2026-03-01T00:00:00Z.");
        }

        if (from > to)
        {
            return Error.InvalidRequest("from", "from must not be later than to.");
        }

        var channel = ChannelNames.ParseOptional(q.Channel);
        if (!channel.IsSuccess)
        {
            return channel.Error;
        }

        if (q.Country is not null && !PhoneCountry.IsCode(q.Country))
        {
            return Error.InvalidRequest("country", "country must be an ISO 3166-1 alpha-2 code in capitals, such as DE.");
        }

        if (q.Prefix is not null && !IsPrefix(q.Prefix))
        {
            return Error.InvalidRequest("prefix", $"prefix must be '+' and 1-{MaxPrefixDigits} digits, such as +4915.");
        }

        return new AttemptFilter(apiKeyId, from, to, channel.Value, q.Country, q.Prefix);
    }

    private static bool IsPrefix(string value) =>
        value.Length is >= 2 and <= MaxPrefixDigits + 1 && value[0] == '+' && value.Skip(1).All(char.IsAsciiDigit);

    private static bool TryParseInstant(string value, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant)
        && value.Contains('T', StringComparison.Ordinal);

    // The cursor is the last item's position: "<created at, Unix ms>-<verification id>".
    private static string Cursor(Attempt last) =>
        last.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "-" + last.VerificationId;

    private static (DateTimeOffset, string)? ParseCursor(string cursor)
    {
        var dash = cursor.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
               && long.TryParse(cursor.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
               && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
               && ChallengeIds.LooksValid(cursor[(dash + 1)..])
            ? (DateTimeOffset.FromUnixTimeMilliseconds(ms), cursor[(dash + 1)..])
            : null;
    }
}
