using System.Net;

namespace ActorBroker.Management.Client;

/// <summary>
/// The node answered a management request with an error status. <see cref="Error"/> is the stable code of the
/// node's error body (not_found, conflict, …) and <see cref="Reason"/> its words for the user; when the reply
/// had no error body, both are derived from the status.
/// </summary>
public sealed class ManagementApiException(HttpStatusCode statusCode, string error, string reason, string request)
    : Exception($"{request} failed with {(int)statusCode} {error}: {reason}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    public string Reason { get; } = reason;

    /// <summary>The method and path of the failed request, e.g. <c>GET api/queues/%2F/orders</c>.</summary>
    public string Request { get; } = request;
}
