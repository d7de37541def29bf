namespace Verigate.Client;

/// <summary>Where Verigate runs and the API key to call it with.</summary>
public sealed class VerigateClientOptions
{
    /// <summary>The service's base address, such as <c>https://verigate.example.com</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A Verify API key (from <c>apikey create</c> or <c>VerifyApi:Keys</c>), sent as a bearer token.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one call may take before it is abandoned.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
