using ActorBroker.Broker.Messages;

namespace ActorBroker.Amqp.Server;

/// <summary>A live AMQP connection as operators see it.</summary>
/// <param name="Name">Stable while the connection lives: "client ip:port -> server ip:port".</param>
/// <param name="BrokerConnectionId">The broker connection behind it (<see cref="Broker.Client.BrokerConnection.Id"/>).</param>
/// <param name="VirtualHost">The virtual host it opened.</param>
/// <param name="User">Who authenticated.</param>
/// <param name="ClientAddress">The client's "ip:port"; empty when the transport has no address.</param>
/// <param name="ClientProperties">What the client sent in connection.start-ok (product, version, connection_name, capabilities…).</param>
/// <param name="ClientProvidedName">The client's <c>connection_name</c> property, when it gave one.</param>
/// <param name="ConnectedAt">When the connection was opened.</param>
/// <param name="State">running, blocking (publishers would be held back), blocked (a publisher is held back) or closing.</param>
/// <param name="Channels">Open channels.</param>
public sealed record AmqpConnectionInfo(
    string Name,
    long BrokerConnectionId,
    string VirtualHost,
    string User,
    string ClientAddress,
    Headers ClientProperties,
    string? ClientProvidedName,
    DateTimeOffset ConnectedAt,
    string State,
    int Channels);
