namespace ActorBroker.Broker.Management;

/// <summary>A consumer of a queue, as the queue sees it.</summary>
/// <param name="VirtualHost">The queue's virtual host.</param>
/// <param name="Queue">The queue it consumes from.</param>
/// <param name="ConsumerTag">Its tag, unique on the queue.</param>
/// <param name="ChannelId">The broker channel it belongs to (<see cref="Client.BrokerChannel.Id"/>).</param>
/// <param name="ConnectionId">The broker connection of that channel (<see cref="Client.BrokerConnection.Id"/>).</param>
/// <param name="AckRequired">False for an auto-ack (no-ack) consumer.</param>
/// <param name="Prefetch">Its own limit of unacked deliveries; 0 means none.</param>
/// <param name="Exclusive">No other consumer may use the queue meanwhile.</param>
/// <param name="Priority">Its consumer priority (<c>x-priority</c>).</param>
public sealed record ConsumerInfo(
    string VirtualHost,
    string Queue,
    string ConsumerTag,
    long ChannelId,
    long ConnectionId,
    bool AckRequired,
    int Prefetch,
    bool Exclusive,
    int Priority);
