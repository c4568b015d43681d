using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Deduplication;

/// <summary>The messages of a <see cref="DeduplicatingExchangeActor"/>.</summary>
internal static class DeduplicationProtocol
{
    /// <summary>
    /// Routes <paramref name="Message"/> unless its id <paramref name="Key"/> is in the window; <paramref name="Confirm"/>
    /// (if any) settles once it is in its queues and its id journaled, or at once for a duplicate whose original is.
    /// </summary>
    public sealed record Publish(Message Message, string Key, PublishConfirm? Confirm);

    /// <summary>The exchange was deleted: forget the window and stop.</summary>
    public sealed class Discard
    {
        public static readonly Discard Instance = new();
    }

    /// <summary>The queues a message was routed to answered: all hold it, or some refused.</summary>
    internal sealed record Routed(Publish Publish, long Sequence, DateTimeOffset SeenAt, bool Accepted);

    /// <summary>The id's record is durable (<paramref name="SequenceNr"/>), or its write failed (0).</summary>
    internal sealed record SeenJournaled(Routed Routed, long SequenceNr);
}
