namespace ActorBroker.Amqp.Connections;

/// <summary>What the server offers in connection.start and connection.tune. Defaults are RabbitMQ's.</summary>
public sealed record ConnectionSettings
{
    /// <summary>
    /// The smallest frame-max a client may choose. The AMQP 0-9-1 spec says 4096; RabbitMQ 4.1 raised its own
    /// to 8192 (the codegen JSON's FRAME-MIN-SIZE). Clients tuned to 4096 still exist, so 4096 is accepted.
    /// </summary>
    public const uint MinFrameMax = 4096;

    public string Product { get; init; } = "ActorBroker";

    public string Version { get; init; } = "0.1.0";

    public string ClusterName { get; init; } = "actorbroker";

    /// <summary>Highest channel number a client may use; 0 would mean no limit, which a broker does not offer.</summary>
    public ushort ChannelMax { get; init; } = 2047;

    /// <summary>Largest frame, header and frame-end included.</summary>
    public uint FrameMax { get; init; } = 131_072;

    /// <summary>Heartbeat interval proposed to the client, in seconds; 0 proposes none.</summary>
    public ushort Heartbeat { get; init; } = 60;
}
