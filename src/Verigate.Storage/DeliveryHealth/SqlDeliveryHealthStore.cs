using System.Data.Common;
using System.Globalization;
using Verigate.Core.DeliveryHealth;
using Verigate.Storage.Sql;

namespace Verigate.Storage.DeliveryHealth;

/// <summary>
/// Delivery health in SQL that both backends run as it is: the challenges started in the window (index
/// <c>challenges_created</c>), their code messages' timelines (index <c>deliveries_challenge</c>), and the area of each
/// destination computed in the query (the country stored on the challenge, or the email domain group), so nothing is
/// parsed per row in .NET and no destination leaves the database.
/// </summary>
internal sealed class SqlDeliveryHealthStore(SqlSession s) : IDeliveryHealthStore
{
    // Codes people were sent: not decoys (subject 'account' '0') and not second-factor steps (nothing is sent).
    private const string Started =
        "c.created_at >= @from AND c.created_at < @to AND c.purpose <> 'two_factor' AND NOT (c.subject_kind = 'account' AND c.subject_id = '0')";

    // One row per code message (outbox row): its channel, provider, area and what its timeline reached. A message to
    // another address than its challenge's (a switched channel) has no stored country: its SMS area is 'unknown'.
    private static readonly string Messages =
        "SELECT d.outbox_id, MIN(d.channel) AS channel, MAX(d.provider) AS provider, " +
        $"MIN({Area("d.channel", "d.destination", "CASE WHEN d.destination = c.destination THEN c.country END")}) AS area, " +
        "MAX(CASE WHEN d.status IN ('sent', 'accepted', 'delivered', 'failed') THEN 1 ELSE 0 END) AS sent, " +
        "MAX(CASE WHEN d.status IN ('accepted', 'delivered') THEN 1 ELSE 0 END) AS accepted, " +
        "MAX(CASE WHEN d.status = 'delivered' THEN 1 ELSE 0 END) AS delivered, " +
        "MAX(CASE WHEN d.status = 'failed' THEN 1 ELSE 0 END) AS failed, " +
        "MIN(d.at) AS queued_at, MIN(CASE WHEN d.status = 'delivered' THEN d.at END) AS delivered_at " +
        $"FROM challenges c JOIN deliveries d ON d.challenge_id = c.id WHERE {Started} AND d.outbox_id > 0 GROUP BY d.outbox_id";

    public Task<IReadOnlyList<DeliveryCounts>> CountDeliveriesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Window(s.Command(
            "SELECT channel, provider, area, SUM(sent), SUM(accepted), SUM(delivered), SUM(CASE WHEN failed = 1 AND delivered = 0 THEN 1 ELSE 0 END) " +
            $"FROM ({Messages}) m GROUP BY channel, provider, area"), from, to)
            .ListAsync(r => new DeliveryCounts(Group(r), Count(r, 3), Count(r, 4), Count(r, 5), Count(r, 6)), ct);

    public Task<IReadOnlyList<ConversionCounts>> CountConversionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Window(s.Command(
            "SELECT channel, provider, area, COUNT(*), SUM(approved) FROM (" +
            "SELECT c.channel AS channel, " +
            // The provider of the challenge's first send; none when nothing was sent (refused by the SMS guard).
            "(SELECT d.provider FROM deliveries d WHERE d.challenge_id = c.id AND d.provider IS NOT NULL ORDER BY d.id LIMIT 1) AS provider, " +
            $"{Area("c.channel", "c.destination", "c.country")} AS area, " +
            $"CASE WHEN c.status = 'approved' THEN 1 ELSE 0 END AS approved FROM challenges c WHERE {Started}" +
            ") x GROUP BY channel, provider, area"), from, to)
            .ListAsync(r => new ConversionCounts(Group(r), Count(r, 3), Count(r, 4)), ct);

    public Task<IReadOnlyList<DeliveryLatency>> SampleLatenciesAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct) =>
        Window(s.Command(
            $"SELECT channel, provider, area, delivered_at - queued_at FROM ({Messages}) m " +
            "WHERE delivered_at IS NOT NULL ORDER BY queued_at DESC, outbox_id DESC LIMIT @max"), from, to).With("@max", max)
            .ListAsync(r => new DeliveryLatency(Group(r), TimeSpan.FromMilliseconds(Count(r, 3))), ct);

    /// <summary>
    /// The area of a destination as SQL: for email its domain group (the table in Core, as literals: they are ours,
    /// never the caller's text), for SMS the stored country, else 'unknown'.
    /// </summary>
    private static string Area(string channel, string destination, string country)
    {
        var groups = string.Concat(EmailDomainGroups.Groups.Select(g =>
            $"WHEN {string.Join(" OR ", g.Domains.Select(d => $"lower({destination}) LIKE '%@{d}'"))} THEN '{g.Group}' "));
        return $"CASE WHEN {channel} = 'email' THEN CASE {groups}ELSE '{EmailDomainGroups.Other}' END " +
               $"ELSE COALESCE({country}, '{DeliveryGroup.UnknownArea}') END";
    }

    private static DbCommand Window(DbCommand command, DateTimeOffset from, DateTimeOffset to) =>
        command.With("@from", DbTime.Of(from)).With("@to", DbTime.Of(to));

    private static DeliveryGroup Group(DbDataReader r) => new(r.GetString(0), r.NullableString(1), r.GetString(2));

    // SUM and COUNT come back as long, decimal or double depending on the backend.
    private static long Count(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? 0 : Convert.ToInt64(r.GetValue(ordinal), CultureInfo.InvariantCulture);
}
