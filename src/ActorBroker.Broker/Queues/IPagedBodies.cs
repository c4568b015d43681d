using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>Where a durable queue reads the bodies of paged-out messages back from (its journal).</summary>
internal interface IPagedBodies
{
    /// <summary>
    /// Reads the messages of <paramref name="pagedOut"/> synchronously, in the same order; null for one whose
    /// journal row cannot be read. Used only where a body is needed at once and the read-ahead did not bring it.
    /// </summary>
    Message?[] Read(IReadOnlyList<QueuedMessage> pagedOut);
}
