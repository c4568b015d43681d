namespace ActorBroker.Broker.Errors;

/// <summary>No reply arrived for a request within its timeout; a reply arriving later is dead-lettered.</summary>
public sealed class RequestTimeoutException : TimeoutException
{
    public RequestTimeoutException(string correlationId, TimeSpan timeout)
        : base($"No reply for request '{correlationId}' within {timeout.TotalMilliseconds:0} ms.") => CorrelationId = correlationId;

    public string CorrelationId { get; }
}
