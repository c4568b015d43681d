using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// A stream's own messages. Publishers, channels and the management API talk to a stream with the queue's
/// protocol (<see cref="QueueProtocol"/>); these are the stream's internal ones and its parent's.
/// </summary>
internal static class StreamProtocol
{
    /// <summary>Starts a stream's actor under the host's streams parent; replies its <see cref="Akka.Actor.IActorRef"/>.</summary>
    public sealed record StartStream(string Name, QueueDeclaration Declaration, StreamSettings Settings, string PersistenceId, VirtualHost Host, BrokerOptions Options);

    /// <summary>Stops a stream's actor (its consumers are told they were cancelled); the log stays unless the caller deletes it.</summary>
    public sealed record StopStream(string Name);

    /// <summary>
    /// What a <see cref="Durability.JournalRangeReader"/> read for one consumer: the chunks still in the journal, in
    /// order, of the sequence numbers it read up to <paramref name="To"/>.
    /// </summary>
    public sealed record RangeRead(long ConsumerId, List<StreamChunk> Chunks, long To);

    public sealed record RangeReadFailed(long ConsumerId, Exception Cause);

    /// <summary>From the stream's <see cref="ConsumerGroupOffsets"/>: the committed offset of each group, recovered.</summary>
    public sealed record GroupOffsetsRecovered(Dictionary<string, long> Offsets);

    /// <summary>Replies the stream's consumer groups as <see cref="ConsumerGroupInfo"/>[].</summary>
    public sealed record ListConsumerGroups : QueueProtocol.IRequest;

    /// <summary>Sent to itself: the messages gathered so far go out as a chunk (the ones before it in the mailbox joined it).</summary>
    public sealed record WriteChunk
    {
        public static WriteChunk Instance { get; } = new();
    }

    /// <summary>Timer tick: drop the segments <c>x-max-age</c> let go.</summary>
    public sealed record ApplyRetention
    {
        public static ApplyRetention Instance { get; } = new();
    }

    /// <summary>Adds the <c>x-stream-offset</c> header a delivery carries (a 64-bit integer, as RabbitMQ).</summary>
    public static Message WithOffset(Message message, long offset)
    {
        var headers = message.Properties.Headers?.Clone() ?? [];
        headers[StreamStart.Argument] = offset;
        return message.With(message.Properties with { Headers = headers });
    }

    /// <summary>Stop once every write asked for before is decided (a clean stop of the node); the stream comes back at the next start.</summary>
    public sealed record StopAfterWrites
    {
        public static StopAfterWrites Instance { get; } = new();
    }
}
