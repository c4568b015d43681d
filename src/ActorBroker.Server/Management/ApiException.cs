using Microsoft.AspNetCore.Http;

namespace ActorBroker.Server.Management;

/// <summary>
/// A request the management API refuses: the HTTP status, the stable error code and a reason the user can
/// act on. Thrown anywhere in an endpoint; <see cref="ErrorHandling"/> turns it into an ErrorBody.
/// </summary>
public sealed class ApiException(int status, string error, string reason) : Exception(reason)
{
    public int Status { get; } = status;

    /// <summary>The machine-readable code of the ErrorBody (bad_request, not_found…).</summary>
    public string Error { get; } = error;

    public static ApiException BadRequest(string reason) => new(StatusCodes.Status400BadRequest, "bad_request", reason);

    public static ApiException Forbidden(string reason) => new(StatusCodes.Status403Forbidden, "forbidden", reason);

    public static ApiException NotFound(string reason) => new(StatusCodes.Status404NotFound, "not_found", reason);

    public static ApiException Conflict(string reason) => new(StatusCodes.Status409Conflict, "conflict", reason);

    public static ApiException PreconditionFailed(string reason) => new(StatusCodes.Status409Conflict, "precondition_failed", reason);

    public static ApiException NotReady() =>
        new(StatusCodes.Status503ServiceUnavailable, "not_ready", "The node is still recovering its durable queues; try again shortly.");
}
