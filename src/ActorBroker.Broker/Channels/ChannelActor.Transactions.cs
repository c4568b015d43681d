using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Transactions;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// A transaction's commit: when every settlement is an ack and all the deliveries acked come from one queue, that
/// queue commits the acks and the outputs in one journal write (atomic, also across a crash). Otherwise nothing is
/// settled here and the caller commits settlement by settlement.
/// </summary>
internal sealed partial class ChannelActor
{
    private bool ReceiveTransaction(object message)
    {
        if (message is not TransactionProtocol.ChannelCommit commit)
        {
            return false;
        }

        if (!TryCollectAcks(commit, out var queue, out var indices))
        {
            commit.Done.TrySetResult(false);
            return true;
        }

        var queueTags = new ulong[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            ref var entry = ref _tags.At(indices[i]);
            entry.Settled = true;
            queueTags[i] = entry.QueueTag;
        }

        Trim();
        queue!.Tell(new TransactionProtocol.QueueCommit(channel.Id, queueTags, commit.Outputs, commit.Done), Self);
        return true;
    }

    /// <summary>The outstanding deliveries the acks name, when they all come from one queue; an unknown tag fails the channel.</summary>
    private bool TryCollectAcks(TransactionProtocol.ChannelCommit commit, out IActorRef? queue, out List<int> indices)
    {
        queue = null;
        indices = [];
        var seen = new HashSet<int>();
        foreach (var settlement in commit.Settlements)
        {
            if (!settlement.Ack)
            {
                return false;
            }

            if ((!settlement.Multiple || settlement.DeliveryTag != 0) && !IsOutstanding(settlement.DeliveryTag))
            {
                var error = BrokerException.PreconditionFailed($"Unknown delivery tag {settlement.DeliveryTag}: it was never delivered on this channel or is already settled.");
                commit.Done.TrySetException(error);
                Fail(error);
                return false;
            }

            var last = settlement.Multiple ? (settlement.DeliveryTag == 0 ? _tags.Count - 1 : (int)(settlement.DeliveryTag - _firstTag)) : (int)(settlement.DeliveryTag - _firstTag);
            var first = settlement.Multiple ? 0 : last;
            for (var i = first; i <= last; i++)
            {
                ref var entry = ref _tags.At(i);
                if (entry.Settled || !seen.Add(i))
                {
                    continue;
                }

                if (queue is not null && !queue.Equals(entry.Queue))
                {
                    return false;
                }

                queue = entry.Queue;
                indices.Add(i);
            }
        }

        return queue is not null;
    }
}
