using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>A consumer registration as a queue sees it.</summary>
/// <param name="Tag">Unique per queue.</param>
/// <param name="ChannelId">The channel the consumer belongs to; its unacked deliveries are owned by that channel.</param>
/// <param name="Prefetch">Most unacked deliveries for this consumer; 0 means no limit.</param>
/// <param name="AutoAck">Deliveries count as acknowledged when sent (at-most-once).</param>
/// <param name="Exclusive">No other consumer may use the queue meanwhile.</param>
/// <param name="Priority">Higher-priority consumers with credit get messages first; lower ones only while all higher ones are full.</param>
/// <param name="Arguments">The consume arguments a queue type reads itself (a stream's <c>x-stream-offset</c>).</param>
public sealed record ConsumerSpec(string Tag, long ChannelId, int Prefetch, bool AutoAck, bool Exclusive, int Priority = 0, Headers? Arguments = null);
