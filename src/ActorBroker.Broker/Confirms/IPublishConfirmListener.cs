namespace ActorBroker.Broker.Confirms;

/// <summary>
/// Told the outcome of publishes made with
/// <see cref="Client.BrokerChannel.Publish(string, string, ReadOnlyMemory{byte}, Messages.BasicProperties?, bool, IPublishConfirmListener, ulong)"/>:
/// a publisher confirming every message (an AMQP channel in confirm mode) learns of each without a task, a
/// completion source and an awaiting state machine per message.
/// </summary>
public interface IPublishConfirmListener
{
    /// <summary>
    /// The publish numbered <paramref name="tag"/> is decided: true when every queue took it. Called once per
    /// publish, on a thread-pool thread, or on the publishing thread when the outcome is known at once; publishes
    /// may be decided out of order.
    /// </summary>
    void Confirmed(ulong tag, bool accepted);
}
