using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// One client connection: the parent of its channels, so closing it closes them. Exclusive queues watch it
/// and delete themselves when it goes.
/// </summary>
internal sealed class ConnectionActor : ActorBase
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
            case Terminated when --_closingChannels == 0:
                Context.Stop(Self);
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
            Context.Stop(Self);
        }
    }
}
