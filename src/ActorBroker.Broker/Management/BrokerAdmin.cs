using System.Collections.Concurrent;
using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Management;

/// <summary>
/// The operator's view of a broker (<see cref="MessageBroker.Admin"/>): lists virtual hosts, queues, exchanges,
/// bindings and consumers, and deletes virtual hosts. Exchanges and bindings are read from the routing snapshot;
/// queues are asked all at once and their answers gathered, so a listing costs one round trip, not one per queue.
/// Every method throws <see cref="Errors.BrokerException"/> (not found) for an unknown virtual host.
/// </summary>
public sealed partial class BrokerAdmin
{
    private readonly MessageBroker _broker;
    private readonly ConcurrentDictionary<long, BrokerConnection> _connections = new();

    internal BrokerAdmin(MessageBroker broker) => _broker = broker;

    private TimeSpan Timeout => _broker.Options.OperationTimeout;

    /// <summary>The names of the virtual hosts, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> ListVirtualHostsAsync() =>
        await _broker.Supervisor.AskFor<string[]>(BrokerSupervisorProtocol.ListVirtualHosts.Instance, Timeout).ConfigureAwait(false);

    /// <summary>
    /// Deletes a virtual host: nobody can connect to it any more, its connections are closed (they see
    /// <see cref="BrokerConnection.ClosedByBroker"/>), its queues stop with their messages, and its durable queues,
    /// exchanges and bindings are deleted from the journal so that they do not come back after a restart.
    /// With durability the deletion of the host itself is journaled too: it stays deleted after a restart. The default
    /// virtual host "/" may be deleted as well, as in RabbitMQ, and then stays deleted (a broker without durability
    /// starts it again, empty). In a cluster, returns once every other node deleted it too.
    /// </summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        await DeleteVirtualHostHereAsync(name).ConfigureAwait(false);
        await PeerReplication.ApplyEverywhereAsync(_broker.System, _broker.HostListReplica.Path, new TopologyReplicationProtocol.DeleteVirtualHost(name), Timeout).ConfigureAwait(false);
    }

    /// <summary>Deletes a virtual host on this node only: for a client of this node, or for another node's.</summary>
    internal async Task DeleteVirtualHostHereAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = await _broker.Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.RemoveVirtualHost(name), Timeout).ConfigureAwait(false);
        var closing = _connections.Values
            .Where(c => ReferenceEquals(c.Host, host))
            .Select(c => c.CloseByBrokerAsync($"virtual host '{name}' was deleted"));
        await Task.WhenAll(closing).ConfigureAwait(false);
        await host.Actor.AskFor<VirtualHostProtocol.Done>(VirtualHostProtocol.DeleteEverything.Instance, Timeout).ConfigureAwait(false);
        await host.Actor.GracefulStop(Timeout).ConfigureAwait(false);
    }

    internal void Track(BrokerConnection connection) => _connections[connection.Id] = connection;

    internal void Forget(BrokerConnection connection) => _connections.TryRemove(connection.Id, out _);

    private Task<VirtualHost> FindAsync(string vhost)
    {
        ArgumentException.ThrowIfNullOrEmpty(vhost);
        return _broker.Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(vhost), Timeout);
    }
}
