using Akka.Actor;

namespace ActorBroker.Broker.Supervision;

internal static class BrokerSupervisorProtocol
{
    /// <summary>Creates the virtual host if needed; replies its <see cref="VirtualHosts.VirtualHost"/>.</summary>
    public sealed record AddVirtualHost(string Name);

    /// <summary>Replies the <see cref="VirtualHosts.VirtualHost"/> or a not-found failure.</summary>
    public sealed record FindVirtualHost(string Name);

    /// <summary>Replies the names of the virtual hosts, sorted, as a string array.</summary>
    public sealed record ListVirtualHosts
    {
        public static ListVirtualHosts Instance { get; } = new();
    }

    /// <summary>
    /// Forgets the virtual host, so nobody can connect to it any more, and replies its
    /// <see cref="VirtualHosts.VirtualHost"/> (or a not-found failure) for the caller to wind it down.
    /// </summary>
    public sealed record RemoveVirtualHost(string Name);

    /// <summary>Starts a connection actor to <paramref name="VirtualHost"/>; replies its reference.</summary>
    public sealed record OpenConnection(long ConnectionId, IActorRef VirtualHost);

    /// <summary>
    /// Stop every queue once what it journaled is decided, and answer <see cref="Akka.Done"/>: the first step of a
    /// clean stop. Passed down through the virtual hosts, their regions and shards to each queue.
    /// </summary>
    public sealed record StopQueues
    {
        public static StopQueues Instance { get; } = new();
    }
}
