using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Transactions;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// A transaction's commit: when every settlement is an ack or a nack with requeue, the queue of the first acked
/// delivery holds the decision and the queues of the others take part (see <c>QueueActor.Transactions</c>); a
/// transaction without settlements is held by the queue the caller names. Otherwise nothing is settled here and the
/// caller commits settlement by settlement.
/// </summary>
internal sealed partial class ChannelActor
{
    private bool ReceiveTransaction(object message)
    {
        if (message is not TransactionProtocol.ChannelCommit commit)
        {
            return false;
        }

        if (!TryCollectSettlements(commit, out var indices, out var requeued))
        {
            commit.Done.TrySetResult(false);
            return true;
        }

        // A delivery the transaction nacks with requeue goes back whatever the outcome (a failed commit returns the
        // acked ones too), so it goes back now, before the commit reaches its queue.
        foreach (var index in requeued)
        {
            ref var entry = ref _tags.At(index);
            entry.Settled = true;
            entry.Queue.Tell(new QueueProtocol.Nack(channel.Id, entry.QueueTag, Multiple: false, Requeue: true, Delay: null), Self);
        }

        if (indices.Count == 0)
        {
            commit.Holder!.Tell(new TransactionProtocol.QueueCommit(channel.Id, [], commit.Outputs, commit.Done), Self);
            return true;
        }

        // Grouped by queue in the order the queues first appear: the first queue holds the decision.
        var byQueue = new List<(IActorRef Queue, List<ulong> Tags)>();
        foreach (var index in indices)
        {
            ref var entry = ref _tags.At(index);
            entry.Settled = true;
            var queue = entry.Queue;
            var group = byQueue.FindIndex(g => g.Queue.Equals(queue));
            if (group < 0)
            {
                byQueue.Add((queue, []));
                group = byQueue.Count - 1;
            }

            byQueue[group].Tags.Add(entry.QueueTag);
        }

        Trim();
        var (decider, tags) = byQueue[0];
        decider.Tell(new TransactionProtocol.QueueCommit(channel.Id, [.. tags], commit.Outputs, commit.Done)
        {
            Participants = [.. byQueue.Skip(1).Select(g => new TransactionProtocol.Participant(g.Queue, [.. g.Tags]))],
        }, Self);
        return true;
    }

    /// <summary>
    /// The outstanding deliveries the acks name and those the nacks with requeue name (none for a transaction that
    /// only publishes into a durable queue); false when it does not qualify (a nack without requeue, no ack), and
    /// then nothing is settled. An unknown tag fails the channel.
    /// </summary>
    private bool TryCollectSettlements(TransactionProtocol.ChannelCommit commit, out List<int> acked, out List<int> requeued)
    {
        acked = [];
        requeued = [];
        if (commit.Settlements.Count == 0)
        {
            return commit.Holder is not null && commit.Outputs.Length > 0;
        }

        var seen = new HashSet<int>();
        foreach (var settlement in commit.Settlements)
        {
            if (!settlement.Ack && !settlement.Requeue)
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
                if (!_tags.At(i).Settled && seen.Add(i))
                {
                    (settlement.Ack ? acked : requeued).Add(i);
                }
            }
        }

        return acked.Count > 0;
    }
}
