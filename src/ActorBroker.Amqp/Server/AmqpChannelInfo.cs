namespace ActorBroker.Amqp.Server;

/// <summary>An open channel of a live AMQP connection.</summary>
/// <param name="Connection">The connection's <see cref="AmqpConnectionInfo.Name"/>.</param>
/// <param name="Number">The channel number the client chose.</param>
/// <param name="BrokerChannelId">The broker channel behind it (<see cref="Broker.Client.BrokerChannel.Id"/>).</param>
/// <param name="VirtualHost">The connection's virtual host.</param>
/// <param name="User">The connection's user.</param>
/// <param name="Consumers">Consumers started on it and not cancelled.</param>
/// <param name="Unacknowledged">Deliveries it holds that the client has not settled.</param>
/// <param name="Prefetch">The per-consumer prefetch count of basic.qos (global = false); 0 means none.</param>
/// <param name="GlobalPrefetch">The channel-wide prefetch count of basic.qos (global = true); 0 means none.</param>
/// <param name="ConfirmMode">Publisher confirms were selected.</param>
/// <param name="Transactional">tx.select was sent.</param>
public sealed record AmqpChannelInfo(
    string Connection,
    ushort Number,
    long BrokerChannelId,
    string VirtualHost,
    string User,
    int Consumers,
    int Unacknowledged,
    int Prefetch,
    int GlobalPrefetch,
    bool ConfirmMode,
    bool Transactional);
