using ActorBroker.Broker.Collections;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Ready messages in delivery order: one FIFO per priority level, highest level first. Each level stays
/// sorted by enqueue sequence, so a requeued message goes back exactly to its place.
/// </summary>
internal sealed class ReadyList
{
    private readonly Deque<QueuedMessage>[] _levels;

    public ReadyList(int maxPriority)
    {
        _levels = new Deque<QueuedMessage>[maxPriority + 1];
        for (var i = 0; i < _levels.Length; i++)
        {
            _levels[i] = new Deque<QueuedMessage>();
        }
    }

    public int Count { get; private set; }

    public long Bytes { get; private set; }

    public int LevelCount => _levels.Length;

    public void Append(QueuedMessage message)
    {
        _levels[message.Priority].PushBack(message);
        Added(message);
    }

    /// <summary>Puts a message back where its sequence says it belongs.</summary>
    public void Restore(QueuedMessage message)
    {
        var level = _levels[message.Priority];
        int low = 0, high = level.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (level[mid].Sequence < message.Sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        level.Insert(low, message);
        Added(message);
    }

    /// <summary>The next message to deliver, or null.</summary>
    public QueuedMessage? Peek()
    {
        for (var i = _levels.Length - 1; i >= 0; i--)
        {
            if (_levels[i].Count > 0)
            {
                return _levels[i].PeekFront();
            }
        }

        return null;
    }

    /// <summary>The head of one priority level (expiry is checked per level head).</summary>
    public QueuedMessage? PeekLevel(int level) => _levels[level].Count > 0 ? _levels[level].PeekFront() : null;

    /// <summary>Removes the message with this sequence, which must be the head of its level.</summary>
    public QueuedMessage TakeHead(long sequence)
    {
        for (var i = _levels.Length - 1; i >= 0; i--)
        {
            var level = _levels[i];
            if (level.Count > 0 && level.PeekFront().Sequence == sequence)
            {
                var message = level.PopFront();
                Count--;
                Bytes -= message.Size;
                return message;
            }
        }

        throw new InvalidOperationException($"Message {sequence} is not at the head of the ready list; the event log is out of order.");
    }

    /// <summary>The first <paramref name="max"/> messages in delivery order, without removing them.</summary>
    public List<QueuedMessage> First(int max)
    {
        var result = new List<QueuedMessage>(Math.Min(max, Count));
        for (var i = _levels.Length - 1; i >= 0 && result.Count < max; i--)
        {
            var level = _levels[i];
            for (var j = 0; j < level.Count && result.Count < max; j++)
            {
                result.Add(level[j]);
            }
        }

        return result;
    }

    public void Clear()
    {
        foreach (var level in _levels)
        {
            level.Clear();
        }

        Count = 0;
        Bytes = 0;
    }

    private void Added(QueuedMessage message)
    {
        Count++;
        Bytes += message.Size;
    }
}
