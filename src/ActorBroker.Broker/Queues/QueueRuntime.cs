using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Everything a queue actor knows, kept outside the actor instance: the supervisor restarts a crashed
/// <see cref="QueueActor"/> with the same runtime, so no message, delivery or consumer is lost by a restart.
/// </summary>
internal sealed partial class QueueRuntime(string name, QueueDeclaration declaration, QueueState state, VirtualHost virtualHost, BrokerOptions options, IActorRef? owner)
{
    public string Name { get; } = name;

    public QueueDeclaration Declaration { get; } = declaration;

    public QueueState State { get; } = state;

    public VirtualHost VirtualHost { get; } = virtualHost;

    public BrokerOptions Options { get; } = options;

    /// <summary>The connection an exclusive queue belongs to; the queue is deleted when it goes.</summary>
    public IActorRef? Owner { get; } = owner;

    /// <summary>Which channel each consumer belongs to, for sending its deliveries.</summary>
    public Dictionary<string, IActorRef> ConsumerChannels { get; } = new(StringComparer.Ordinal);

    /// <summary>Channels with consumers or unacked deliveries here; each is watched so its death requeues them.</summary>
    public Dictionary<IActorRef, long> Channels { get; } = [];

    /// <summary>Other nodes the cluster sees unreachable, as this queue's reachability watcher told it.</summary>
    public HashSet<Address> UnreachableNodes { get; } = [];

    public QueueCounters LastSample { get; set; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public DateTimeOffset LastSampleAt { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset? TimerDue { get; set; }

    public Metrics.QueueMetrics Metrics { get; } = new(virtualHost.Name, name);

    public bool DeleteRequested { get; set; }

    public PoisonMessageCounter Crashes { get; } = new(options.MaxQueueCrashes);

    /// <summary>At-least-once dead letters not yet held by their dead-letter queues, by the sequence they had here.</summary>
    public Dictionary<long, (Message Letter, DeadLetterReason Reason)> PendingDeadLetters { get; } = [];

    /// <summary>Pending dead letters that no queue took (no route, or refused): sent again at the next retry.</summary>
    public HashSet<long> DeadLettersToRetry { get; } = [];
}
