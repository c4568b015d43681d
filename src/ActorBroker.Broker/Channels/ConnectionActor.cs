using ActorBroker.Actors;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// One client connection: the parent of its channels, so closing it closes them. Exclusive queues watch it
/// and delete themselves when it goes.
/// </summary>
internal sealed class ConnectionActor : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is not ConnectionProtocol.OpenChannel open)
        {
            return false;
        }

        Sender.Tell(Context.ActorOf(open.Props, "channel-" + open.ChannelId));
        return true;
    }
}
