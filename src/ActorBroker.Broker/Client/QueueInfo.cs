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
}
