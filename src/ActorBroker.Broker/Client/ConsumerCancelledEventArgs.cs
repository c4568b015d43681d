namespace ActorBroker.Broker.Client;

/// <summary>A consumer ended by the broker, because its queue was deleted.</summary>
public sealed class ConsumerCancelledEventArgs(string consumerTag, string queue) : EventArgs
{
    public string ConsumerTag { get; } = consumerTag;

    public string Queue { get; } = queue;
}
