using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// One client connection: the parent of its channels, so closing it closes them. A clean close then removes the
/// connection's exclusive queues before the connection stops, so a client that saw its close complete finds them
/// gone; the queues also watch it, which deletes them when it dies any other way.
/// </summary>
internal sealed class ConnectionActor(long connectionId, IActorRef virtualHost) : ActorBase
{
    private bool _closing;
    private int _closingChannels;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ConnectionProtocol.OpenChannel open:
                Sender.Tell(Context.ActorOf(open.Props, "channel-" + open.ChannelId));
                break;
            case ConnectionProtocol.Close:
                CloseChannels();
                break;
            case Terminated terminated when terminated.ActorRef.Equals(virtualHost):
            case VirtualHostProtocol.Done:
                Context.Stop(Self);
                break;
            case Terminated when --_closingChannels == 0:
                RemoveExclusiveQueues();
                break;
            case Terminated:
                break;
            default:
                return false;
        }

        return true;
    }

    // Akka stops children with a system message that overtakes their mailboxes; a PoisonPill instead lets each
    // channel first handle what its client already sent (an ack, a reject), so closing never drops a settlement.
    private void CloseChannels()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        foreach (var channel in Context.GetChildren())
        {
            Context.Watch(channel);
            channel.Tell(PoisonPill.Instance);
            _closingChannels++;
        }

        if (_closingChannels == 0)
        {
            RemoveExclusiveQueues();
        }
    }

    // Watching the host ends the wait if the host stops first (its virtual host deleted, the broker stopping).
    private void RemoveExclusiveQueues()
    {
        Context.Watch(virtualHost);
        virtualHost.Tell(new VirtualHostProtocol.RemoveExclusiveQueues(connectionId));
    }
}
