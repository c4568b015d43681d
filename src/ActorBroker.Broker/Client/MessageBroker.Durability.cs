using ActorBroker.Actors;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Client;

public sealed partial class MessageBroker
{
    // Recovery replays every durable queue of the host; it may take far longer than an ordinary request.
    private static readonly TimeSpan s_restoreTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Starts a broker in <paramref name="system"/> and, with <see cref="BrokerOptions.Durability"/> set, recovers the
    /// default virtual host's durable queues (with their persistent messages), exchanges and bindings before it returns.
    /// </summary>
    /// <exception cref="Errors.BrokerException">The journal could not be read.</exception>
    public static async Task<MessageBroker> StartAsync(ActorSystem system, BrokerOptions options)
    {
        var broker = Start(system, options);
        await broker.ConnectAsync().ConfigureAwait(false);
        return broker;
    }

    private static Task<VirtualHostProtocol.Done> RestoreAsync(VirtualHost host) =>
        host.Actor.Ask<VirtualHostProtocol.Done>(VirtualHostProtocol.Restore.Instance, s_restoreTimeout);
}
