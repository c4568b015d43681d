using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    private readonly TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The journal of the host's durable declarations; null when the broker runs without durability.</summary>
    public DeclarationJournal? Journal { get; set; }

    /// <summary>
    /// Completes once the host routes to everything it restored from its journal. Its queues recover in their own
    /// actors while the host is still starting the others, and a commit a queue recovered is forwarded only then: until
    /// the routing holds its queues, its outputs would be dropped as unroutable.
    /// </summary>
    public Task Restored => _restored.Task;

    public void MarkRestored() => _restored.TrySetResult();
}
