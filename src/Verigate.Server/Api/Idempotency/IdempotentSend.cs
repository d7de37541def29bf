namespace Verigate.Server.Api.Idempotency;

/// <summary>Marks a POST that sends a message: it honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentSend
{
    public static readonly IdempotentSend Instance = new();

    private IdempotentSend()
    {
    }
}

/// <summary>Adds <see cref="IdempotentSend"/> to an endpoint.</summary>
public static class IdempotentSendExtensions
{
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.WithMetadata(IdempotentSend.Instance);
}
