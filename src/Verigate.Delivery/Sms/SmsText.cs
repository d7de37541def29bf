namespace Verigate.Delivery.Sms;

/// <summary>Assembles an SMS that fits its segment budget without ever cutting the code or the origin-bound last line.</summary>
public static class SmsText
{
    /// <summary>
    /// <paramref name="head"/> and <paramref name="tail"/> always stay whole; the optional sentences are kept in
    /// order of importance (most important first) for as long as the whole fits in <paramref name="maxSegments"/>.
    /// </summary>
    public static string Fit(string head, IReadOnlyList<string> optional, string tail, int maxSegments)
    {
        for (var keep = optional.Count; keep > 0; keep--)
        {
            var text = head + string.Concat(optional.Take(keep)) + tail;
            if (SmsSegments.Count(text) <= maxSegments)
            {
                return text;
            }
        }

        return head + tail;
    }
}
