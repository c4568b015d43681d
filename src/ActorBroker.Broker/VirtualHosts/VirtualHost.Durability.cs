using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The journal of the host's durable declarations; null when the broker runs without durability.</summary>
    public DeclarationJournal? Journal { get; set; }

    /// <summary>
    /// Completes once the host routes to everything it restored from its journal. A durable queue reads its journal
    /// only then: what its recovery sends on (a commit's outputs, expired messages to their dead-letter queue) would
    /// otherwise find none of the queues the host has yet to start, and be dropped as unroutable.
    /// </summary>
    public Task Restored => _restored.Task;

    public void MarkRestored() => _restored.TrySetResult();
}
