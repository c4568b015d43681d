using System.Collections.Immutable;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    private ImmutableHashSet<Address> _departures = [];

    /// <summary>
    /// Whether a node at <paramref name="node"/> left the cluster (or was downed) while this host served its restored
    /// topology: this host then applied every change that node's journal holds and every one made since, so the node,
    /// when it comes back, takes this host's topology as the truth rather than its own stale journal.
    /// </summary>
    public bool SawDeparture(Address node) => _departures.Contains(node);

    /// <summary>Records the departure of <paramref name="node"/>; called by the host's actor, read by any thread.</summary>
    public void Departed(Address node) => ImmutableInterlocked.Update(ref _departures, set => set.Add(node));
}
