namespace ActorBroker.Broker.Client;

/// <summary>
/// Hears the confirm of a message published with <see cref="BrokerChannel.PublishConfirmed"/>, without a task and
/// without a hop through the thread pool. It is told on the thread that settled the confirm: a queue's, or the
/// journal writer's the moment the write holding the message commits. So it must return at once and never block.
/// </summary>
public interface IPublishConfirmed
{
    /// <summary>The message published with <paramref name="tag"/> is settled: taken by every queue it was routed to, or not (<paramref name="accepted"/>).</summary>
    void Confirmed(ulong tag, bool accepted);
}
