using ActorBroker.Amqp.Commands;
using ActorBroker.Amqp.Connections;

namespace ActorBroker.Amqp.Server;

/// <summary>What an <see cref="AmqpServerConnection"/> offers and enforces.</summary>
public sealed record AmqpServerOptions
{
    public static AmqpServerOptions Default { get; } = new();

    /// <summary>channel-max, frame-max and heartbeat offered in connection.tune, and the server properties.</summary>
    public ConnectionSettings Connection { get; init; } = new();

    /// <summary>The largest message body accepted; a larger one closes the channel with 406.</summary>
    public ulong MaxMessageSize { get; init; } = CommandAssembler.DefaultMaxBodySize;

    /// <summary>The node's resource-alarm switch; null: publishers are never blocked.</summary>
    public PublishGate? PublishGate { get; init; }

    /// <summary>Counts connections per user and virtual host against the node's limits; null: no such limits.</summary>
    public IConnectionAdmission? Admission { get; init; }

    /// <summary>Where open connections register for the management API; null: they are not listed.</summary>
    public AmqpConnectionRegistry? Registry { get; init; }
}
