using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Client;

/// <summary>
/// An in-process broker: queues, exchanges and delivery as actors. Connect to a virtual host, open channels,
/// and declare, publish and consume through them. The virtual host "/" exists from the start.
/// </summary>
public sealed partial class MessageBroker : IAsyncDisposable
{
    private readonly bool _ownsSystem;
    private int _disposed;

    // Connection ids, and the channel ids made from them, must differ between the nodes of a cluster: a queue keys
    // its consumers' unacked deliveries by channel id, and consumers come from every node. Each node starts at a
    // random point of a 2^42 range, so two nodes' ids meet only if their starts lie closer than the number of
    // connections one of them opens (a chance of about 2^-21 per pair of nodes after a million connections), and
    // a node can count up from there for as long as it runs.
    private long _lastConnectionId = Random.Shared.NextInt64(1L << 42);

    private MessageBroker(ActorSystem system, BrokerOptions options, bool ownsSystem, IReadOnlyCollection<string>? hosts = null, VirtualHostJournal? hostJournal = null)
    {
        System = system;
        Options = options;
        _ownsSystem = ownsSystem;
        WireSerialization.Register(system);
        TopologyWriters.Start(system);
        var initialHosts = hosts ?? [DefaultVirtualHost];
        Supervisor = system.ActorOf(Props.Create(() => new BrokerSupervisor(options, initialHosts, hostJournal)), "broker");
        HostListReplica = system.ActorOf(Props.Create(() => new VirtualHostListReplica(this)), VirtualHostListReplica.Name);
    }

    public const string DefaultVirtualHost = "/";

    public ActorSystem System { get; }

    public BrokerOptions Options { get; }

    internal IActorRef Supervisor { get; }

    /// <summary>Where the other nodes of a cluster create and delete virtual hosts on this one.</summary>
    internal IActorRef HostListReplica { get; }

    /// <summary>
    /// Starts a broker in an existing actor system (it is not terminated when the broker is disposed), with the virtual
    /// host "/" only. With <see cref="BrokerOptions.Durability"/> set, start it with <see cref="StartAsync"/> instead,
    /// which also recovers (and journals) the set of virtual hosts.
    /// </summary>
    public static MessageBroker Start(ActorSystem system, BrokerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new MessageBroker(system, options ?? BrokerOptions.Default, ownsSystem: false);
    }

    /// <summary>Starts a broker in an actor system of its own, terminated when the broker is disposed.</summary>
    public static MessageBroker Start(BrokerOptions? options = null) =>
        new(ActorSystem.Create("actorbroker"), options ?? BrokerOptions.Default, ownsSystem: true);

    /// <summary>
    /// Creates a virtual host (nothing happens if it exists) and recovers its durable queues, exchanges and bindings.
    /// On a broker started by <see cref="StartAsync"/> with durability, returns once the new host is journaled, so it
    /// exists again after a restart. In a cluster, returns once every other node created it too.
    /// </summary>
    /// <exception cref="Errors.BrokerException">The new host could not be journaled (internal error).</exception>
    public async Task AddVirtualHostAsync(string name)
    {
        await AddVirtualHostHereAsync(name).ConfigureAwait(false);
        await PeerReplication.ApplyEverywhereAsync(System, HostListReplica.Path, new TopologyReplicationProtocol.AddVirtualHost(name), Options.OperationTimeout).ConfigureAwait(false);
    }

    /// <summary>Creates a virtual host on this node only: for a client of this node, or for another node's.</summary>
    internal async Task AddVirtualHostHereAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = await Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.AddVirtualHost(name), Options.OperationTimeout).ConfigureAwait(false);
        await RestoreAsync(host).ConfigureAwait(false);
    }

    /// <summary>Opens a connection to a virtual host.</summary>
    /// <exception cref="Errors.BrokerException">The virtual host does not exist (not found).</exception>
    public async Task<BrokerConnection> ConnectAsync(string virtualHost = DefaultVirtualHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(virtualHost);
        var host = await Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(virtualHost), Options.OperationTimeout).ConfigureAwait(false);
        await RestoreAsync(host).ConfigureAwait(false);
        var id = Interlocked.Increment(ref _lastConnectionId);
        var actor = await Supervisor.AskFor<IActorRef>(new BrokerSupervisorProtocol.OpenConnection(id, host.Actor), Options.OperationTimeout).ConfigureAwait(false);
        var connection = new BrokerConnection(this, host, id, actor);
        Admin.Track(connection);
        return connection;
    }

    /// <summary>
    /// Whether <see cref="DisposeAsync"/> stopped every queue after its last write (and, after a crash, after its
    /// recovery journaled it): only then may the next run treat this one as a clean stop.
    /// </summary>
    public bool QueuesStoppedCleanly { get; private set; }

    /// <summary>
    /// Stops the broker: first every queue, once what it journaled is decided (so a clean stop loses no ack and
    /// no confirmed message), then the actors. A queue that does not stop in time is stopped anyway; its journal
    /// is then as after a crash. Disposing again does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await Supervisor.AskFor<Akka.Done>(Supervision.BrokerSupervisorProtocol.StopQueues.Instance, Options.OperationTimeout).ConfigureAwait(false);
            QueuesStoppedCleanly = true;
        }
        catch (Exception error) when (error is AskTimeoutException or TimeoutException)
        {
            System.Log.Warning("The queues did not all stop within {0}: {1}", Options.OperationTimeout, error.Message);
        }

        if (_ownsSystem)
        {
            await System.Terminate().ConfigureAwait(false);
        }
        else
        {
            await HostListReplica.GracefulStop(Options.OperationTimeout).ConfigureAwait(false);
            await Supervisor.GracefulStop(Options.OperationTimeout).ConfigureAwait(false);
        }
    }
}
