namespace ActorBroker.Cli.Perf;

/// <summary>
/// Where a run over several nodes of one cluster puts each queue and its clients. Queue i is declared through node
/// i mod N, which owns it (a queue lives on the node that declared it); its publishers and consumers connect to that
/// node (<see cref="Owner"/>) or to the next one (<see cref="Remote"/>), so that every message crosses Akka.Remote
/// twice: publish to the owner, delivery back to the consumer's node.
/// </summary>
internal enum ClientPlacement
{
    Owner,
    Remote,
}

/// <summary>The node index of each queue and of its clients, for a run over <c>nodes</c> nodes.</summary>
internal readonly record struct NodeLayout(int Nodes, ClientPlacement Placement)
{
    public int OwnerOf(int queue) => queue % Nodes;

    public int ClientsOf(int queue) => Placement == ClientPlacement.Remote ? (queue + 1) % Nodes : OwnerOf(queue);
}
