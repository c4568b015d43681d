using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Sharding;
using ActorBroker.Broker.Supervision;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// The single writer of a virtual host's routing snapshot: declarations, deletions and bindings are handled
/// one at a time here and published as a new <see cref="RoutingTable"/>; publishes read the snapshot directly.
/// Exchanges are not actors: routing is a pure lookup, and an actor hop per publish would halve throughput.
/// The async handlers await with <c>ConfigureAwait(true)</c>: Akka resumes them on the actor, where
/// <c>Self</c> and <c>Context</c> are valid; off the actor they throw.
/// </summary>
internal sealed partial class VirtualHostActor : ReceiveActor
{
    private readonly VirtualHost _host;
    private readonly BrokerOptions _options;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef _region = ActorRefs.Nobody;

    // The node's region of queue entities where durable queues are sharded (a cluster on a shared journal), else null.
    private IActorRef? _entities;

    public VirtualHostActor(VirtualHost host, BrokerOptions options)
    {
        _host = host;
        _options = options;
        ReceiveAsync<VirtualHostProtocol.DeclareQueue>(DeclareQueueAsync);
        ReceiveAsync<VirtualHostProtocol.DeleteQueue>(DeleteQueueAsync);
        Receive<VirtualHostProtocol.RemoveQueue>(RemoveQueue);
        ReceiveAsync<VirtualHostProtocol.RemoveExclusiveQueues>(RemoveExclusiveQueuesAsync);
        // A super stream declares its partitions too: registered first, as Akka tries handlers in order.
        ReceiveAsync<VirtualHostProtocol.DeclareExchange>(DeclareSuperStreamAsync, m => m.Settings.Type == ExchangeType.SuperStream && !m.Passive);
        Receive<VirtualHostProtocol.DeclareExchange>(m => Change(m, () => DeclareExchange(m)));
        ReceiveAsync<VirtualHostProtocol.DeleteExchange>(DeleteSuperStreamAsync, m => IsSuperStream(m.Name));
        Receive<VirtualHostProtocol.DeleteExchange>(m => Change(m, () =>
        {
            _host.Routing = _host.Routing.DeleteExchange(m.Name, m.IfUnused);
            Replicate(new TopologyChange.ExchangeDeleted(m.Name));
            DiscardDelayedExchange(m.Name);
            DiscardDeduplicatingExchange(m.Name);
        }));
        Receive<VirtualHostProtocol.Bind>(m => Change(m, () =>
        {
            _host.Routing = _host.Routing.Bind(CheckAccess(m.Binding, m.ConnectionId));
            Replicate(new TopologyChange.Bound(m.Binding));
        }));
        Receive<VirtualHostProtocol.Unbind>(m => Change(m, () =>
        {
            _host.Routing = _host.Routing.Unbind(CheckAccess(m.Binding, m.ConnectionId));
            Replicate(new TopologyChange.Unbound(m.Binding));
        }));
        ReceiveAsync<VirtualHostProtocol.Restore>(RestoreAsync);
        ReceiveAsync<VirtualHostProtocol.DeleteEverything>(_ => DeleteEverythingAsync());
        Receive<BrokerSupervisorProtocol.StopQueues>(stop => new[] { _region, _streams }.AskAllThenReply(stop, _options.OperationTimeout, Sender));
        ReceivePolicyChanges();
        ReceiveSchemaChanges();
        ReceiveReplication();
        ReceiveQueueEntities();
        ReceiveTakeovers();
        ReceiveRemoteQueueChanges();
        ReceiveTurns();
    }

    protected override void PreStart()
    {
        _region = Context.ActorOf(Props.Create(() => new QueueRegion(_options.QueueShards, _options.OperationTimeout)), "queues");
        _streams = Context.ActorOf(Props.Create(() => new Streams.StreamRegion()), "streams");
        _entities = QueueEntities.RegionOf(Context.System, _options);
        WatchMembers();
        WatchConnections();
    }

    // The routing snapshot and the queues outlive a restart of this actor; only the region reference is rebuilt.
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
        _region = Context.Child("queues");
        _streams = Context.Child("streams");
        _entities = QueueEntities.RegionOf(Context.System, _options);
    }

    // The host's journals are top-level actors (see RecordJournal): they go with the host.
    protected override void PostStop()
    {
        UnwatchMembers();
        UnwatchConnections();
        _host.Journal?.Stop();
        _host.PolicyJournal?.Stop();
        _host.SchemaJournal?.Stop();
    }

    private void Change(object command, Action change)
    {
        try
        {
            change();
            ReplyWhenJournaled(command);
        }
        catch (BrokerException error)
        {
            Sender.Tell(new Status.Failure(error));
        }
    }

    private void DeclareExchange(VirtualHostProtocol.DeclareExchange declare)
    {
        if (declare.Passive)
        {
            if (!RoutingTable.IsDefaultExchange(declare.Name) && !_host.Routing.TryGetExchange(declare.Name, out _))
            {
                throw BrokerException.NotFound($"No exchange '{declare.Name}' in virtual host '{_host.Name}'.");
            }

            return;
        }

        ArgumentException.ThrowIfNullOrEmpty(declare.Name);
        RequireSchema(ExchangeEntry.SchemaOf(declare.Settings), $"exchange '{declare.Name}'");
        var routing = _host.Routing.DeclareExchange(declare.Name, declare.Settings);
        if (!ReferenceEquals(routing, _host.Routing))
        {
            _host.Routing = routing;
            Replicate(new TopologyChange.ExchangeDeclared(declare.Name, declare.Settings));
        }

        StartDelayedExchange(declare.Name, declare.Settings);
        StartDeduplicatingExchange(declare.Name, declare.Settings);
    }

    private Binding CheckAccess(Binding binding, long connectionId)
    {
        if (binding.Destination.Kind == DestinationKind.Queue)
        {
            _host.RequireQueue(binding.Destination.Name, connectionId);
        }

        return binding;
    }
}
