using ActorBroker.Actors;

namespace ActorBroker.Broker.Channels;

internal static class ConnectionProtocol
{
    /// <summary>Starts a channel actor; replies its reference.</summary>
    public sealed record OpenChannel(long ChannelId, Props Props);
}
