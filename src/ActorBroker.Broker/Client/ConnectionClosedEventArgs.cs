namespace ActorBroker.Broker.Client;

/// <summary>A connection the broker closed by itself.</summary>
public sealed class ConnectionClosedEventArgs(string reason) : EventArgs
{
    /// <summary>Why, in words for the client (e.g. "virtual host 'x' was deleted").</summary>
    public string Reason { get; } = reason;
}
