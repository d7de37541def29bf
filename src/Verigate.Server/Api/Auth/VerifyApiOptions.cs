namespace Verigate.Server.Api.Auth;

/// <summary>The Verify API's settings (configuration section <c>VerifyApi</c>).</summary>
public sealed class VerifyApiOptions
{
    public const string Section = "VerifyApi";
    public const int MinimumKeyLength = 32;

    /// <summary>API keys for automation, by name (<c>VerifyApi:Keys:&lt;name&gt;</c>); each is hashed once at start-up.</summary>
    public Dictionary<string, string?> Keys { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Validate()
    {
        // Checked here rather than where the keys are hashed: a short key found on the first request would
        // answer every Verify API call with 500 instead of stopping the start.
        foreach (var (name, secret) in Keys)
        {
            if (secret is not { Length: >= MinimumKeyLength } || secret.Any(char.IsWhiteSpace))
            {
                yield return $"{Section}:Keys:{name} must be at least {MinimumKeyLength} characters without spaces " +
                             $"(now {secret?.Length ?? 0}); make one with `openssl rand -base64 33`, or use `apikey create`.";
            }
        }
    }
}
