using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Translates a durable queue's events into the <see cref="QueueRecord"/>s to journal. It keeps no copy of the
/// messages (the queue's state holds them, paged out or not): a message is journaled when it is persistent,
/// and only the unacked deliveries (bounded by prefetch) and the few messages whose write failed are tracked.
/// Owned by the queue's actor, not thread-safe.
/// </summary>
internal sealed class DurableMessages
{
    // A settlement names a delivery tag (and for ack-multiple a channel), the journal a sequence.
    private readonly Dictionary<ulong, (long Sequence, long ChannelId)> _deliveries = [];
    // Persistent messages whose Enqueued record failed: they live in memory only, like transient ones.
    private readonly HashSet<long> _memoryOnly = [];
    // Dead-lettered at least once: journaled as removed only once their dead-letter queues hold them.
    private readonly HashSet<long> _removalsHeld = [];
    // Scratch of AckUpTo, kept so that an ack-multiple allocates nothing but its record.
    private readonly List<ulong> _ackedTags = [];

    /// <summary>Persistent messages held (enqueued and not yet removed): what compaction measures the log against.</summary>
    public long Count { get; set; }

    /// <summary>Translates one queue event into the records to journal (none for transient messages and sessions).</summary>
    public void Translate(QueueEvent e, List<QueueRecord> records)
    {
        switch (e)
        {
            case MessageEnqueued { Message.Properties.IsPersistent: true } enqueued:
                Count++;
                records.Add(new QueueRecord.Enqueued(enqueued.Sequence, enqueued.EnqueuedAt, enqueued.Message));
                break;
            case MessageDelivered { Message.Properties.IsPersistent: true } delivered:
                if (delivered.AutoAck)
                {
                    Remove([delivered.Sequence], records);
                    break;
                }

                _deliveries[delivered.DeliveryTag] = (delivered.Sequence, delivered.ChannelId);
                records.Add(new QueueRecord.Delivered(delivered.Sequence, delivered.DeliveryCount));
                break;
            case MessageAcked acked when _deliveries.Remove(acked.DeliveryTag, out var delivery):
                Remove([delivery.Sequence], records);
                break;
            case MessagesAcked acked:
                AckUpTo(acked.ChannelId, acked.DeliveryTag, records);
                break;
            case MessageRequeued requeued:
                _deliveries.Remove(requeued.DeliveryTag);
                break;
            case MessageRetryScheduled parked when _deliveries.Remove(parked.DeliveryTag, out var delivery):
                // Parked messages stay out of the ready list (a purge keeps them) until their retry is due, also after a restart.
                records.Add(new QueueRecord.Parked(delivery.Sequence, parked.DueAt));
                break;
            case MessageDeadLettered dead:
                if (dead.DeliveryTag is { } tag)
                {
                    _deliveries.Remove(tag);
                }

                if (dead.Message.Properties.IsPersistent && !_removalsHeld.Contains(dead.Sequence))
                {
                    Remove([dead.Sequence], records);
                }

                break;
            case MessageLost lost:
                Remove([lost.Sequence], records);
                break;
            case MessageWithdrawn withdrawn:
                Remove([withdrawn.Sequence], records);
                break;
            case QueuePurged { Persistent.Length: > 0 } purged:
                Remove(purged.Persistent, records);
                break;
        }
    }

    /// <summary>Keeps the message in the journal when it is dead-lettered, until <see cref="ReleaseRemoval"/>.</summary>
    public void HoldRemoval(long sequence) => _removalsHeld.Add(sequence);

    /// <summary>The held message's dead-letter queues have it: journals its removal.</summary>
    public void ReleaseRemoval(long sequence, List<QueueRecord> records)
    {
        if (_removalsHeld.Remove(sequence))
        {
            Remove([sequence], records);
        }
    }

    /// <summary>
    /// A message whose Enqueued record failed to be written: its publisher got a nack, so it lives on in memory
    /// only, is never paged out and is left out of snapshots.
    /// </summary>
    public void Forget(long sequence) => _memoryOnly.Add(sequence);

    public bool IsMemoryOnly(long sequence) => _memoryOnly.Count > 0 && _memoryOnly.Contains(sequence);

    /// <summary>Ack-multiple: every unacked persistent delivery of the channel up to <paramref name="upTo"/> (0: all).</summary>
    private void AckUpTo(long channelId, ulong upTo, List<QueueRecord> records)
    {
        _ackedTags.Clear();
        foreach (var (tag, delivery) in _deliveries)
        {
            if (delivery.ChannelId == channelId && (upTo == 0 || tag <= upTo))
            {
                _ackedTags.Add(tag);
            }
        }

        if (_ackedTags.Count == 0)
        {
            return;
        }

        var sequences = new long[_ackedTags.Count];
        for (var i = 0; i < sequences.Length; i++)
        {
            _deliveries.Remove(_ackedTags[i], out var delivery);
            sequences[i] = delivery.Sequence;
        }

        Remove(sequences, records);
    }

    private void Remove(long[] sequences, List<QueueRecord> records)
    {
        Count -= sequences.Length;
        if (_memoryOnly.Count > 0)
        {
            foreach (var sequence in sequences)
            {
                _memoryOnly.Remove(sequence);
            }
        }

        records.Add(new QueueRecord.Removed(sequences));
    }
}
