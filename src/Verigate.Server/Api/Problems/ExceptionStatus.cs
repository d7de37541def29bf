using System.Data.Common;

namespace Verigate.Server.Api.Problems;

/// <summary>The status of an answer to a request that ended in an exception: for API clients and for pages alike.</summary>
public static class ExceptionStatus
{
    /// <summary>
    /// A body Kestrel refused keeps its own status. A failure the store calls transient (Npgsql: a pool that stayed
    /// exhausted, a connection lost or refused, a deadlock or serialization failure; SQLite: a busy database) is the
    /// service being unavailable for a moment (503), not a bug (500).
    /// </summary>
    public static int Of(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        DbException { IsTransient: true } => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>How long a client is asked to wait before sending the request again after a 503, in seconds.</summary>
    public const string RetryAfterSeconds = "1";
}
