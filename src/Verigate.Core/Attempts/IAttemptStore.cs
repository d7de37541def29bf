
namespace Verigate.Core.Attempts;

/// <summary>Reads an API key's verifications for the attempts API (conversion per country and prefix).</summary>
public interface IAttemptStore
{
    /// <summary>Newest first; <paramref name="before"/> continues after the (created at, id) position it names.</summary>
    Task<IReadOnlyList<Attempt>> ListAsync(AttemptFilter filter, (DateTimeOffset CreatedAt, string Id)? before, int limit, CancellationToken ct);

    Task<AttemptSummary> SummarizeAsync(AttemptFilter filter, CancellationToken ct);
}
