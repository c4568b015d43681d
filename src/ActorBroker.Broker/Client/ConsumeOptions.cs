using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Client;

/// <summary>How to consume from a queue.</summary>
/// <param name="AutoAck">Deliveries count as acknowledged when sent (at-most-once); otherwise ack each (at-least-once).</param>
/// <param name="Exclusive">No other consumer may use the queue meanwhile.</param>
/// <param name="ConsumerTag">A tag of your own; null lets the broker generate one.</param>
/// <param name="Prefetch">Most unacked deliveries for this consumer; null takes the channel's setting, 0 means unlimited.</param>
/// <param name="Priority">
/// The queue delivers to its highest-priority consumers that have prefetch room (round-robin among equals); lower-priority
/// consumers get messages only while all higher ones are full. AMQP's <c>x-priority</c> consume argument.
/// </param>
/// <param name="Arguments">Consume arguments for the queue type (a stream's <c>x-stream-offset</c>).</param>
public sealed record ConsumeOptions(bool AutoAck = false, bool Exclusive = false, string? ConsumerTag = null, int? Prefetch = null, int Priority = 0, Headers? Arguments = null)
{
    public static ConsumeOptions Default { get; } = new();
}
