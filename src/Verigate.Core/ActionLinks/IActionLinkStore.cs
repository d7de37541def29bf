namespace Verigate.Core.ActionLinks;

/// <summary>Single-use notice links.</summary>
public interface IActionLinkStore
{
    Task InsertAsync(ActionLink link, CancellationToken ct);

    Task<ActionLink?> GetAsync(string id, CancellationToken ct);

    Task<ActionLink?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken ct);

    /// <summary>
    /// Marks the link used and erases its sealed token, if it is still unused and unexpired at <paramref name="at"/>:
    /// a conditional UPDATE, so of any number of parallel presses exactly one gets true.
    /// </summary>
    Task<bool> TryRedeemAsync(string id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Ends every open link of the account of <paramref name="kind"/> (a newer change supersedes them); returns how many.</summary>
    Task<int> EndOpenAsync(long userId, string kind, DateTimeOffset at, CancellationToken ct);
}
