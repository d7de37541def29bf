
namespace Verigate.Core.VerifyServices;

/// <summary>Verify services made with the <c>service</c> command (configured ones live in configuration).</summary>
public interface IVerifyServiceStore
{
    /// <summary>False when the name (or, improbably, the SID) is taken.</summary>
    Task<bool> TryInsertAsync(VerifyService service, CancellationToken ct);

    Task<VerifyService?> FindAsync(string sid, CancellationToken ct);
    Task<IReadOnlyList<VerifyService>> ListAsync(CancellationToken ct);
}
