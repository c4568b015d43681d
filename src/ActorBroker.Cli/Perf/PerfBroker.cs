using ActorBroker.Cli.Amqp;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// One broker to measure: a single node, or several nodes of one cluster over which a run spreads its queues and
/// clients (<see cref="NodeLayout"/>), with the processes whose CPU time it reports when they run on this machine.
/// </summary>
internal sealed record PerfBroker(IReadOnlyList<Uri> Nodes, ClientPlacement Placement = ClientPlacement.Owner, BrokerProcesses? Processes = null)
{
    public NodeLayout Layout => new(Nodes.Count, Placement);

    /// <summary>The first node's URL without its password; with more nodes, their count and the placement.</summary>
    public string Name => Nodes.Count == 1
        ? BrokerConnector.Describe(Nodes[0])
        : $"{BrokerConnector.Describe(Nodes[0])} x{Nodes.Count} {Placement.ToString().ToLowerInvariant()}";
}
