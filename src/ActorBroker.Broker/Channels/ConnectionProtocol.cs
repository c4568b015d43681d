using Akka.Actor;

namespace ActorBroker.Broker.Channels;

internal static class ConnectionProtocol
{
    /// <summary>Starts a channel actor; replies its reference.</summary>
    public sealed record OpenChannel(long ChannelId, Props Props);

    /// <summary>Closes every channel after the messages already sent to it, then stops the connection.</summary>
    public sealed class Close
    {
        private Close()
        {
        }

        public static Close Instance { get; } = new();
    }
}
