namespace Verigate.Server.Api.Idempotency;

/// <summary>Marks a POST that sends a message: it honours <c>Idempotency-Key</c>.</summary>
/// <param name="CredentialStatus">
/// The success status whose answer carries a credential (a session token): such an answer is never kept, so a
/// copy of the store holds no token. It sent no message, so running the request again on a retry is harmless.
/// </param>
public sealed record IdempotentSend(int? CredentialStatus = null)
{
    public static readonly IdempotentSend Instance = new();
}

/// <summary>Adds <see cref="IdempotentSend"/> to an endpoint.</summary>
public static class IdempotentSendExtensions
{
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.WithMetadata(IdempotentSend.Instance);

    /// <summary>Idempotency for an endpoint whose <paramref name="credentialStatus"/> answer carries a credential, which is never stored.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, int credentialStatus) =>
        builder.WithMetadata(new IdempotentSend(credentialStatus));
}
