using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

/// <summary>What the handshake settled: who connected, to which virtual host, with which limits.</summary>
public sealed record NegotiatedConnection(
    string UserName,
    string VirtualHost,
    ushort ChannelMax,
    uint FrameMax,
    ushort Heartbeat,
    FieldTable ClientProperties)
{
    /// <summary>True when the client announced the capability (e.g. <c>consumer_cancel_notify</c>) in its properties.</summary>
    public bool ClientHasCapability(string name) => ClientCapabilities.Has(ClientProperties, name);
}
