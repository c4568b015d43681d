using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Client;

/// <summary>
/// A queue's declaration, sizes and counters, and its rates in messages per second since the previous
/// info request (0 on the first).
/// </summary>
public sealed record QueueInfo(string Name, QueueDeclaration Declaration, QueueCounters Counters, double PublishRate, double DeliverRate, double AckRate)
{
    public int Ready => Counters.Ready;

    public int Unacked => Counters.Unacked;

    public int Consumers => Counters.Consumers;

    public long ReadyBytes => Counters.ReadyBytes;

    /// <summary>The queue's virtual host; set on the infos <see cref="Management.BrokerAdmin"/> returns, empty on others.</summary>
    public string VirtualHost { get; init; } = "";

    /// <summary>Where dead letters go (<c>x-dead-letter-exchange</c>); set by <see cref="Management.BrokerAdmin"/>.</summary>
    public string? DeadLetterExchange { get; init; }

    /// <summary>
    /// The Akka address of the node whose actor holds the queue (a local address for this node's own queues); set by
    /// <see cref="Management.BrokerAdmin"/>.
    /// </summary>
    public Akka.Actor.Address? Owner { get; init; }

    /// <summary>The routing key dead letters get (<c>x-dead-letter-routing-key</c>); set by <see cref="Management.BrokerAdmin"/>.</summary>
    public string? DeadLetterRoutingKey { get; init; }
}
