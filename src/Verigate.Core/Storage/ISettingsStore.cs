namespace Verigate.Core.Storage;

/// <summary>Small named values the instances agree on (such as the code-key fingerprint).</summary>
public interface ISettingsStore
{
    Task<string?> GetAsync(string name, CancellationToken ct);

    /// <summary>Stores the value unless one is there; returns whichever value is stored afterwards.</summary>
    Task<string> GetOrAddAsync(string name, string value, CancellationToken ct);
}
