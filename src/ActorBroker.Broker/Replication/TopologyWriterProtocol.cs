namespace ActorBroker.Broker.Replication;

/// <summary>
/// How a virtual host's actors take turns to change its topology: one node at a time per host, each replicating its
/// change to every node before the next begins (see <see cref="TopologyWriter"/>).
/// </summary>
internal static class TopologyWriterProtocol
{
    /// <summary>From a host's actor that has a change to make; answered with <see cref="TurnGranted"/> when its turn comes.</summary>
    public sealed record AcquireTurn(string VirtualHost);

    public sealed record TurnGranted(string VirtualHost);

    /// <summary>From the holder, once its changes are applied on every node.</summary>
    public sealed record ReleaseTurn(string VirtualHost);
}
