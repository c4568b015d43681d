using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

public sealed partial class QueueState
{
    // Deliveries a cross-queue transaction acks here, by transaction, from the moment they are checked until the
    // queue holding the commit record decides: a channel closing meanwhile must not hand them to another consumer.
    private readonly Dictionary<long, (long ChannelId, ulong[] Tags)> _lockedByTransaction = [];
    private readonly HashSet<ulong> _lockedTags = [];

    /// <summary>Whether <paramref name="deliveryTag"/> is an outstanding delivery of <paramref name="channelId"/> (a transaction checks all its acks before taking any).</summary>
    internal bool IsUnackedBy(long channelId, ulong deliveryTag) =>
        _unacked.TryGetValue(deliveryTag, out var unacked) && unacked.ChannelId == channelId && !_lockedTags.Contains(deliveryTag);

    /// <summary>
    /// Locks the deliveries for <paramref name="transactionId"/> when every one is an outstanding delivery of the
    /// channel (else locks nothing) and returns their sequences, or null. Until <see cref="CommitLocked"/> or
    /// <see cref="ReleaseLocked"/>, neither a channel's close nor a recover takes them back.
    /// </summary>
    internal long[]? Lock(long transactionId, long channelId, ulong[] tags)
    {
        if (!tags.All(tag => IsUnackedBy(channelId, tag)))
        {
            return null;
        }

        _lockedByTransaction.Add(transactionId, (channelId, tags));
        _lockedTags.UnionWith(tags);
        return [.. tags.Select(tag => _unacked[tag].Message.Sequence)];
    }

    /// <summary>The transaction committed: acks its locked deliveries. False when it locked none here (a recovery applies it again).</summary>
    internal bool CommitLocked(long transactionId)
    {
        if (!Unlock(transactionId, out var locked))
        {
            return false;
        }

        foreach (var tag in locked.Tags)
        {
            Raise(new MessageAcked(tag));
        }

        DeliverReady();
        return true;
    }

    /// <summary>The transaction failed: its locked deliveries go back to be redelivered, as a channel's close would return them.</summary>
    internal void ReleaseLocked(long transactionId)
    {
        if (!Unlock(transactionId, out var locked))
        {
            return;
        }

        foreach (var tag in locked.Tags)
        {
            Return(tag, dueAt: null);
        }

        DeliverReady();
    }

    /// <summary>
    /// A recovery applies the acks of a transaction committed in another queue's journal: the messages still ready
    /// here (their removal was not yet durable at the crash) leave; those already gone are skipped.
    /// </summary>
    internal void Withdraw(long[] sequences)
    {
        foreach (var sequence in sequences)
        {
            if (IsReady(sequence))
            {
                Raise(new MessageWithdrawn(sequence));
            }
        }
    }

    private bool IsLocked(ulong tag) => _lockedTags.Count > 0 && _lockedTags.Contains(tag);

    private bool IsReady(long sequence)
    {
        for (var priority = 0; priority < _ready.LevelCount; priority++)
        {
            if (_ready.Find(priority, sequence) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private bool Unlock(long transactionId, out (long ChannelId, ulong[] Tags) locked)
    {
        if (!_lockedByTransaction.Remove(transactionId, out locked))
        {
            return false;
        }

        _lockedTags.ExceptWith(locked.Tags);
        return true;
    }
}
