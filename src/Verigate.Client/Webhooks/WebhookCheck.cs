namespace Verigate.Client.Webhooks;

/// <summary>The outcome of checking a webhook's signature.</summary>
public enum WebhookCheck
{
    /// <summary>Signed with the secret, within the time tolerance: act on it.</summary>
    Valid,

    /// <summary>A webhook-id, webhook-timestamp or webhook-signature header is missing or malformed.</summary>
    Malformed,

    /// <summary>The timestamp is outside the tolerance: possibly a replay.</summary>
    OutsideTolerance,

    /// <summary>No signature matches: not from Verigate, or the body was changed.</summary>
    BadSignature,
}
