using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The persistent messages of one durable queue as the journal knows them. It follows the queue's events
/// and says which <see cref="QueueRecord"/>s each one needs; transient messages are never tracked, so they
/// cost nothing. Replay and snapshots rebuild it. Owned by the queue's actor, not thread-safe.
/// </summary>
internal sealed class DurableMessages
{
    private readonly Dictionary<long, DurableMessage> _messages = [];
    // Unacked deliveries of persistent messages: a settlement names a delivery tag (and for ack-multiple a
    // channel), the journal a sequence.
    private readonly Dictionary<ulong, (long Sequence, long ChannelId)> _deliveries = [];

    public int Count => _messages.Count;

    /// <summary>Translates one queue event into the records to journal (none for transient messages and sessions).</summary>
    public void Translate(QueueEvent e, List<QueueRecord> records)
    {
        switch (e)
        {
            case MessageEnqueued { Message.Properties.IsPersistent: true } enqueued:
                _messages[enqueued.Sequence] = new DurableMessage(enqueued.Message, enqueued.EnqueuedAt, 0);
                records.Add(new QueueRecord.Enqueued(enqueued.Sequence, enqueued.EnqueuedAt, enqueued.Message));
                break;
            case MessageDelivered delivered when _messages.TryGetValue(delivered.Sequence, out var message):
                if (delivered.AutoAck)
                {
                    Remove([delivered.Sequence], records);
                    break;
                }

                message.DeliveryCount = delivered.DeliveryCount;
                message.Out = true;
                _deliveries[delivered.DeliveryTag] = (delivered.Sequence, delivered.ChannelId);
                records.Add(new QueueRecord.Delivered(delivered.Sequence, delivered.DeliveryCount));
                break;
            case MessageAcked acked when _deliveries.Remove(acked.DeliveryTag, out var delivery):
                Remove([delivery.Sequence], records);
                break;
            case MessagesAcked acked:
                AckUpTo(acked.ChannelId, acked.DeliveryTag, records);
                break;
            case MessageRequeued requeued when _deliveries.Remove(requeued.DeliveryTag, out var delivery):
                _messages[delivery.Sequence].Out = false;
                break;
            case MessageRetryScheduled parked:
                // Parked messages stay out of the ready list (a purge keeps them) until their retry is due.
                _deliveries.Remove(parked.DeliveryTag);
                break;
            case MessageRetryDue due when _messages.TryGetValue(due.Sequence, out var message):
                message.Out = false;
                break;
            case MessageDeadLettered dead:
                if (dead.DeliveryTag is { } tag)
                {
                    _deliveries.Remove(tag);
                }

                if (_messages.ContainsKey(dead.Sequence))
                {
                    Remove([dead.Sequence], records);
                }

                break;
            case QueuePurged:
                var ready = _messages.Where(m => !m.Value.Out).Select(m => m.Key).ToArray();
                if (ready.Length > 0)
                {
                    Remove(ready, records);
                }

                break;
        }
    }

    /// <summary>Applies a replayed record; records about messages it does not hold are ignored (see <see cref="QueueRecord"/>).</summary>
    public void Apply(QueueRecord record)
    {
        switch (record)
        {
            case QueueRecord.Enqueued enqueued:
                _messages.TryAdd(enqueued.Sequence, new DurableMessage(enqueued.Message, enqueued.EnqueuedAt, 0));
                break;
            case QueueRecord.Delivered delivered when _messages.TryGetValue(delivered.Sequence, out var message):
                message.DeliveryCount = Math.Max(message.DeliveryCount, delivered.DeliveryCount);
                break;
            case QueueRecord.Removed removed:
                foreach (var sequence in removed.Sequences)
                {
                    _messages.Remove(sequence);
                }

                break;
        }
    }

    /// <summary>Adds a message read from a snapshot.</summary>
    public void Restore(long sequence, DurableMessage message) => _messages[sequence] = message;

    /// <summary>
    /// Forgets a message whose Enqueued record failed to be written: its publisher got a nack, so it lives
    /// on in memory only, like a transient message.
    /// </summary>
    public void Forget(long sequence)
    {
        if (_messages.Remove(sequence, out var message) && message.Out)
        {
            foreach (var (tag, _) in _deliveries.Where(d => d.Value.Sequence == sequence).ToList())
            {
                _deliveries.Remove(tag);
            }
        }
    }

    /// <summary>The held messages in enqueue order: what a snapshot stores and recovery restores.</summary>
    public List<KeyValuePair<long, DurableMessage>> InOrder()
    {
        var ordered = _messages.ToList();
        ordered.Sort((a, b) => a.Key.CompareTo(b.Key));
        return ordered;
    }

    /// <summary>Ack-multiple: every unacked persistent delivery of the channel up to <paramref name="upTo"/> (0: all).</summary>
    private void AckUpTo(long channelId, ulong upTo, List<QueueRecord> records)
    {
        var acked = _deliveries.Where(d => d.Value.ChannelId == channelId && (upTo == 0 || d.Key <= upTo)).ToList();
        if (acked.Count == 0)
        {
            return;
        }

        var sequences = new long[acked.Count];
        for (var i = 0; i < acked.Count; i++)
        {
            _deliveries.Remove(acked[i].Key);
            sequences[i] = acked[i].Value.Sequence;
        }

        Remove(sequences, records);
    }

    private void Remove(long[] sequences, List<QueueRecord> records)
    {
        foreach (var sequence in sequences)
        {
            _messages.Remove(sequence);
        }

        records.Add(new QueueRecord.Removed(sequences));
    }
}

/// <summary>A persistent message of a durable queue; <see cref="Out"/> while it is delivered or parked, not ready.</summary>
internal sealed class DurableMessage(Message message, DateTimeOffset enqueuedAt, int deliveryCount)
{
    public Message Message { get; } = message;

    public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

    public int DeliveryCount { get; set; } = deliveryCount;

    public bool Out { get; set; }
}
