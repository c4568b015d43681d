namespace ActorBroker.Broker.Channels;

internal sealed partial class ChannelActor
{
    /// <summary>Read-only questions of the management API.</summary>
    private bool ReceiveAdmin(object message)
    {
        if (message is not ChannelProtocol.CountUnacked)
        {
            return false;
        }

        // Settled tags stay in the ring until the oldest is settled, so the ring's length alone would overcount.
        var unacked = 0;
        for (var i = 0; i < _tags.Count; i++)
        {
            if (!_tags[i].Settled)
            {
                unacked++;
            }
        }

        Sender.Tell(unacked, Self);
        return true;
    }
}
