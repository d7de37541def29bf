using System.Data.Common;
using Verigate.Core.Audit;
using Verigate.Storage.Sql;

namespace Verigate.Storage.Audit;

internal sealed class SqlAuditLog(SqlSession s) : IAuditLog
{
    private const string Columns = "at, type, user_id, challenge_id, actor, client_ip, detail";

    public Task AppendAsync(AuditEvent e, CancellationToken ct) =>
        s.WriteAsync(new DeferredWrite($"INSERT INTO audit_events ({Columns}) VALUES (@at, @type, @user, @challenge, @actor, @ip, @detail)")
            .With("@at", DbTime.Of(e.At)).With("@type", e.Type).With("@user", e.UserId).With("@challenge", e.ChallengeId)
            .With("@actor", e.Actor).With("@ip", e.ClientIp).With("@detail", e.Detail), ct);

    public Task<IReadOnlyList<AuditEvent>> ListForUserAsync(long userId, int max, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM audit_events WHERE user_id = @user ORDER BY id DESC LIMIT @max").With("@user", userId).With("@max", max).ListAsync(Map, ct);

    public Task<IReadOnlyList<AuditEvent>> ListForChallengeAsync(string challengeId, CancellationToken ct) =>
        s.Command($"SELECT {Columns} FROM audit_events WHERE challenge_id = @challenge ORDER BY id").With("@challenge", challengeId).ListAsync(Map, ct);

    public Task<IReadOnlyList<AuditRecord>> PageForUserAsync(long userId, IReadOnlyCollection<string> types, long? beforeId, int max, CancellationToken ct)
    {
        if (types.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AuditRecord>>([]);
        }

        // One parameter per type: the list is ours (a fixed set of event types), never the caller's text.
        var names = types.Select((_, i) => $"@t{i}").ToList();
        var command = s.Command(
            $"SELECT id, {Columns} FROM audit_events WHERE user_id = @user AND type IN ({string.Join(", ", names)}) " +
            $"{(beforeId is null ? string.Empty : "AND id < @before ")}ORDER BY id DESC LIMIT @max")
            .With("@user", userId).With("@max", max);
        if (beforeId is { } before)
        {
            command.With("@before", before);
        }

        foreach (var (name, type) in names.Zip(types))
        {
            command.With(name, type);
        }

        return command.ListAsync(r => new AuditRecord(r.GetInt64(0), MapFrom(r, 1)), ct);
    }

    public Task<IReadOnlyList<AuditRecord>> SearchAsync(AuditQuery query, long? beforeId, int max, CancellationToken ct)
    {
        // Fixed SQL text per filter that is set; every value goes in a parameter, and only used ones are bound.
        var filters = new List<(string Sql, string Name, object Value)>();
        if (!query.StaffEvents)
        {
            filters.Add(("user_id IS NOT NULL AND (actor IS NULL OR actor NOT LIKE @staffPrefix)", "@staffPrefix", AuditQuery.StaffActorPrefix + "%"));
        }

        if (query.UserId is { } user)
        {
            filters.Add(("user_id = @user", "@user", user));
        }

        if (query.Actor is { } actor)
        {
            filters.Add(("actor = @actor", "@actor", actor));
        }

        if (query.Type is { } type)
        {
            filters.Add(("type = @type", "@type", type));
        }

        if (query.From is { } from)
        {
            filters.Add(("at >= @from", "@from", DbTime.Of(from)));
        }

        if (query.To is { } to)
        {
            filters.Add(("at < @to", "@to", DbTime.Of(to)));
        }

        if (beforeId is { } before)
        {
            filters.Add(("id < @before", "@before", before));
        }

        var where = filters.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", filters.Select(f => f.Sql)) + " ";
        var command = s.Command($"SELECT id, {Columns} FROM audit_events {where}ORDER BY id DESC LIMIT @max").With("@max", max);
        foreach (var (_, name, value) in filters)
        {
            command.With(name, value);
        }

        return command.ListAsync(r => new AuditRecord(r.GetInt64(0), MapFrom(r, 1)), ct);
    }

    private static AuditEvent MapFrom(DbDataReader r, int o) =>
        new(r.Time(o), r.GetString(o + 1), r.NullableInt64(o + 2), r.NullableString(o + 3), r.NullableString(o + 4), r.NullableString(o + 5), r.NullableString(o + 6));

    private static AuditEvent Map(DbDataReader r) =>
        new(r.Time(0), r.GetString(1), r.NullableInt64(2), r.NullableString(3), r.NullableString(4), r.NullableString(5), r.NullableString(6));
}
