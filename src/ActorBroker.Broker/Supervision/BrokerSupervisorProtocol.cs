namespace ActorBroker.Broker.Supervision;

internal static class BrokerSupervisorProtocol
{
    /// <summary>Creates the virtual host if needed; replies its <see cref="VirtualHosts.VirtualHost"/>.</summary>
    public sealed record AddVirtualHost(string Name);

    /// <summary>Replies the <see cref="VirtualHosts.VirtualHost"/> or a not-found failure.</summary>
    public sealed record FindVirtualHost(string Name);

    /// <summary>Starts a connection actor; replies its reference.</summary>
    public sealed record OpenConnection(long ConnectionId);
}
