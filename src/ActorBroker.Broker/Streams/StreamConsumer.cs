using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Streams;

/// <summary>One consumer of a stream: where it reads next, its credit, and the entries read back for it from the journal.</summary>
internal sealed class StreamConsumer(long id, ConsumerSpec spec, IActorRef channel, ChannelWindow? window, long nextOffset, DateTimeOffset? notBefore)
{
    /// <summary>Unique within the stream for its lifetime: tags may be reused after a cancel, a read in flight must not land on the wrong consumer.</summary>
    public long Id { get; } = id;

    public ConsumerSpec Spec { get; } = spec;

    public IActorRef Channel { get; } = channel;

    public ChannelWindow? Window { get; } = window;

    public long NextOffset { get; set; } = nextOffset;

    /// <summary>A consumer that started from a timestamp skips the older entries of its first segment.</summary>
    public DateTimeOffset? NotBefore { get; set; } = notBefore;

    public int Unacked { get; set; }

    /// <summary>Chunks read from the journal, ahead of <see cref="NextOffset"/>, not delivered yet.</summary>
    public StreamChunkRun ReadAhead { get; } = new();

    /// <summary>Where its last read ended: the next read starts at that sequence number if the consumer is at that offset.</summary>
    public (long Offset, long SequenceNr)? ReadEnd { get; set; }

    public bool ReadInFlight { get; set; }

    /// <summary>The consumer group it belongs to (<c>x-consumer-group</c>); it receives only while it is the group's active member.</summary>
    public ConsumerGroup? Group { get; init; }

    public bool HasOwnCredit => Unacked < Spec.Prefetch || Spec.Prefetch == 0;
}
