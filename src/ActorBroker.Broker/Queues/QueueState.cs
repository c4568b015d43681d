using ActorBroker.Broker.Collections;
using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// The state machine of one queue: ready messages, unacked deliveries, parked retries and consumers.
/// Commands (publish, deliver, ack, …) decide and raise <see cref="QueueEvent"/>s; <see cref="Apply"/> alone
/// changes the state. Raised events collect in <see cref="PendingEvents"/> for the owner to act on (send
/// deliveries, route dead letters) and, later, to journal. Not thread-safe: one actor owns it.
/// </summary>
public sealed partial class QueueState
{
    private readonly TimeProvider _clock;
    private readonly ReadyList _ready;
    private readonly Dictionary<ulong, Unacked> _unacked = [];
    private readonly Dictionary<long, Deque<ulong>> _tagsByChannel = [];
    private readonly Dictionary<long, (QueuedMessage Message, DateTimeOffset DueAt)> _delayed = [];
    private readonly List<ConsumerState> _consumers = [];
    private readonly List<QueueEvent> _pending = [];
    private long _lastSequence;
    private ulong _lastTag;
    private int _nextConsumer;
    private bool _mixedPriorities;
    private long _published;
    private long _delivered;
    private long _redelivered;
    private long _acked;
    private long _deadLettered;

    public QueueState(string name, QueueArguments arguments, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(clock);
        Name = name;
        Arguments = arguments;
        _clock = clock;
        _ready = new ReadyList(arguments.MaxPriority);
        Deduplication = arguments.Deduplication is { } deduplication ? new DeduplicationWindow(deduplication) : null;
    }

    public string Name { get; }

    public QueueArguments Arguments { get; }

    /// <summary>The ids seen within the window of a deduplicating queue; null when the queue does not deduplicate.</summary>
    internal DeduplicationWindow? Deduplication { get; }

    public int ReadyCount => _ready.Count;

    public int UnackedCount => _unacked.Count;

    public int ConsumerCount => _consumers.Count;

    /// <summary>True once a consumer has ever been added (auto-delete applies only after that).</summary>
    public bool HadConsumers { get; private set; }

    /// <summary>Events raised since the last <see cref="ClearPendingEvents"/>, oldest first.</summary>
    public IReadOnlyList<QueueEvent> PendingEvents => _pending;

    public void ClearPendingEvents() => _pending.Clear();

    public QueueCounters Counters => new(
        _ready.Count, _unacked.Count, _delayed.Count, _consumers.Count, _ready.Bytes,
        _published, _delivered, _redelivered, _acked, _deadLettered)
    {
        InMemoryBodies = _ready.InMemory,
        PagedOut = _ready.PagedOut,
    };

    /// <summary>
    /// The first <paramref name="count"/> ready messages in delivery order (a non-destructive read). Paged-out
    /// ones are read from the journal without entering the window; one whose row cannot be read is left out.
    /// </summary>
    public IReadOnlyList<PeekedMessage> Peek(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var first = _ready.First(count);
        var bodies = BodiesOf(first);
        var result = new List<PeekedMessage>(first.Count);
        for (var i = 0; i < first.Count; i++)
        {
            if (bodies[i] is { } body)
            {
                var m = first[i];
                result.Add(new PeekedMessage(m.Sequence, body, m.EnqueuedAt, m.DeliveryCount));
            }
        }

        return result;
    }

    /// <summary>Changes the state by one event; the only mutator, also used to replay a journal.</summary>
    public void Apply(QueueEvent e)
    {
        switch (e)
        {
            case MessageEnqueued enqueued: ApplyEnqueued(enqueued); break;
            case MessageDelivered delivered: ApplyDelivered(delivered); break;
            case MessageAcked acked: Settle(acked.DeliveryTag); _acked++; break;
            case MessagesAcked acked: ApplyAckedUpTo(acked.ChannelId, acked.DeliveryTag); break;
            case MessageRequeued requeued: _ready.Restore(Settle(requeued.DeliveryTag)); break;
            case MessageRetryScheduled retry:
                var parked = Settle(retry.DeliveryTag);
                _delayed.Add(parked.Sequence, (parked, retry.DueAt));
                break;
            case MessageRetryDue due:
                _ready.Restore(_delayed[due.Sequence].Message);
                _delayed.Remove(due.Sequence);
                break;
            case MessageDeadLettered dead: ApplyDeadLettered(dead); break;
            case QueuePurged: _ready.Clear(); break;
            case MessageLost lost: _ready.TakeHead(lost.Sequence); break;
            case MessageWithdrawn withdrawn: _ready.Take(withdrawn.Sequence); _acked++; break;
            case ConsumerAdded added:
                _consumers.Add(new ConsumerState(added.Consumer, added.Window) { Unreachable = _unreachableChannels.Contains(added.Consumer.ChannelId) });
                HadConsumers = true;
                UpdatePriorityLevels();
                break;
            case ConsumerRemoved removed: ApplyConsumerRemoved(removed.ConsumerTag); break;
            default: throw new ArgumentException($"Unknown queue event {e.GetType().Name}.", nameof(e));
        }
    }

    private void Raise(QueueEvent e)
    {
        Apply(e);
        _pending.Add(e);
    }

    private QueuedMessage ApplyEnqueued(MessageEnqueued e)
    {
        var message = new QueuedMessage(e.Sequence, e.Message, e.EnqueuedAt, ExpiryOf(e.Message, e.EnqueuedAt), PriorityOf(e.Message));
        _ready.Append(message);
        _lastSequence = Math.Max(_lastSequence, e.Sequence);
        _published++;
        return message;
    }

    private void ApplyDelivered(MessageDelivered e)
    {
        var message = _ready.TakeHead(e.Sequence);
        message.DeliveryCount = e.DeliveryCount;
        _lastTag = Math.Max(_lastTag, e.DeliveryTag);
        _delivered++;
        if (e.Redelivered)
        {
            _redelivered++;
        }

        if (e.AutoAck)
        {
            return;
        }

        var consumer = e.ConsumerTag is null ? null : FindConsumer(e.ConsumerTag);
        if (consumer is not null)
        {
            consumer.Unacked++;
        }

        _unacked.Add(e.DeliveryTag, new Unacked(message, e.ChannelId, consumer));
        if (!_tagsByChannel.TryGetValue(e.ChannelId, out var tags))
        {
            tags = new Deque<ulong>();
            _tagsByChannel.Add(e.ChannelId, tags);
        }

        tags.PushBack(e.DeliveryTag);
    }

    private void ApplyDeadLettered(MessageDeadLettered e)
    {
        if (e.DeliveryTag is { } tag)
        {
            Settle(tag);
        }
        else if (!_delayed.Remove(e.Sequence))
        {
            _ready.TakeHead(e.Sequence);
        }

        _deadLettered++;
    }

    private void ApplyConsumerRemoved(string tag)
    {
        var index = _consumers.FindIndex(c => string.Equals(c.Spec.Tag, tag, StringComparison.Ordinal));
        _consumers.RemoveAt(index);
        if (_nextConsumer > index)
        {
            _nextConsumer--;
        }

        UpdatePriorityLevels();
    }

    private void ApplyAckedUpTo(long channelId, ulong upTo)
    {
        while (_tagsByChannel.TryGetValue(channelId, out var tags) && (upTo == 0 || tags.PeekFront() <= upTo))
        {
            // Settle trims the front, so the next outstanding tag of the channel is always at the front.
            Settle(tags.PeekFront());
            _acked++;
        }
    }

    /// <summary>
    /// Removes an unacked delivery and returns its message; the channel's tag list is trimmed lazily. The
    /// delivery's channel-window slot is given back here: windows exist only for live consumers, never in a replay.
    /// </summary>
    private QueuedMessage Settle(ulong tag)
    {
        var entry = _unacked[tag];
        _unacked.Remove(tag);
        if (entry.Consumer is { } consumer)
        {
            consumer.Unacked--;
            consumer.Window?.Release();
        }

        var tags = _tagsByChannel[entry.ChannelId];
        while (tags.Count > 0 && !_unacked.ContainsKey(tags.PeekFront()))
        {
            tags.PopFront();
        }

        if (tags.Count == 0)
        {
            _tagsByChannel.Remove(entry.ChannelId);
        }

        return entry.Message;
    }

    private ConsumerState? FindConsumer(string tag)
    {
        foreach (var consumer in _consumers)
        {
            if (string.Equals(consumer.Spec.Tag, tag, StringComparison.Ordinal))
            {
                return consumer;
            }
        }

        return null;
    }
}
