namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    // Not events: whether a channel's node answers is a fact of the running cluster, not of the queue's history, so
    // it is neither journaled nor replayed; a channel may be marked before its consumers arrive.
    private readonly HashSet<long> _unreachableChannels = [];

    /// <summary>
    /// The channel's node is unreachable: its consumers get no new deliveries until <see cref="MarkReachable"/>; their
    /// unacked deliveries stay unacked, as the node may come back and ack them. Consumers it adds meanwhile wait too.
    /// </summary>
    public void MarkUnreachable(long channelId)
    {
        if (_unreachableChannels.Add(channelId))
        {
            SetReachable(channelId, reachable: false);
        }
    }

    /// <summary>The channel's node answers again: its consumers receive again, from now on.</summary>
    public void MarkReachable(long channelId)
    {
        if (_unreachableChannels.Remove(channelId))
        {
            SetReachable(channelId, reachable: true);
            DeliverReady();
        }
    }

    private void SetReachable(long channelId, bool reachable)
    {
        foreach (var consumer in _consumers)
        {
            if (consumer.Spec.ChannelId == channelId)
            {
                consumer.Unreachable = !reachable;
            }
        }
    }
}
