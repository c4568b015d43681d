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

    /// <summary>Ready messages whose body is in memory, and the bytes of those bodies.</summary>
    public int InMemory { get; private set; }

    public long InMemoryBytes { get; private set; }

    public int PagedOut => Count - InMemory;

    public int LevelCount => _levels.Length;

    public void Append(QueuedMessage message)
    {
        _levels[message.Priority].PushBack(message);
        Added(message);
    }

    /// <summary>Puts a message back where its sequence says it belongs.</summary>
    public void Restore(QueuedMessage message)
    {
        _levels[message.Priority].Insert(IndexOf(message.Priority, message.Sequence), message);
        Added(message);
    }

    /// <summary>The ready message with this sequence at this level, or null when it is not ready.</summary>
    public QueuedMessage? Find(int priority, long sequence)
    {
        var level = _levels[priority];
        var index = IndexOf(priority, sequence);
        return index < level.Count && level[index].Sequence == sequence ? level[index] : null;
    }

    /// <summary>How many ready messages are delivered before <paramref name="message"/>, which must be ready.</summary>
    public int PositionOf(QueuedMessage message)
    {
        var ahead = 0;
        for (var i = _levels.Length - 1; i > message.Priority; i--)
        {
            ahead += _levels[i].Count;
        }

        return ahead + IndexOf(message.Priority, message.Sequence);
    }

    /// <summary>Drops the body of a ready message (it stays in its place).</summary>
    public void PageOut(QueuedMessage message)
    {
        message.PageOut();
        InMemory--;
        InMemoryBytes -= message.Size;
    }

    /// <summary>Gives a paged-out message its body back, if it is still ready; false when it left meanwhile.</summary>
    public bool PageIn(QueuedMessage message, Messages.Message body)
    {
        if (!message.IsPagedOut || !ReferenceEquals(Find(message.Priority, message.Sequence), message))
        {
            return false;
        }

        message.PageIn(body);
        InMemory++;
        InMemoryBytes += message.Size;
        return true;
    }

    /// <summary>
    /// Paged-out messages in delivery order, up to <paramref name="maxCount"/> or <paramref name="maxBytes"/> (at
    /// least one), looking no further than <paramref name="scan"/> messages: the window sits at the front, so
    /// the first paged-out ones are near.
    /// </summary>
    public List<QueuedMessage> NextPagedOut(int maxCount, long maxBytes, int scan)
    {
        var result = new List<QueuedMessage>();
        var bytes = 0L;
        for (var i = _levels.Length - 1; i >= 0; i--)
        {
            var level = _levels[i];
            for (var j = 0; j < level.Count && scan-- > 0; j++)
            {
                var message = level[j];
                if (!message.IsPagedOut || message.IsLost)
                {
                    continue;
                }

                if (result.Count > 0 && (result.Count >= maxCount || bytes + message.Size > maxBytes))
                {
                    return result;
                }

                result.Add(message);
                bytes += message.Size;
            }
        }

        return result;
    }

    /// <summary>Every ready message, each level in sequence order (the levels one after the other).</summary>
    public IEnumerable<QueuedMessage> All()
    {
        foreach (var level in _levels)
        {
            for (var i = 0; i < level.Count; i++)
            {
                yield return level[i];
            }
        }
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
                return Removed(level.PopFront());
            }
        }

        throw new InvalidOperationException($"Message {sequence} is not at the head of the ready list; the event log is out of order.");
    }

    /// <summary>Removes the ready message with this sequence wherever it stands; null when it is not ready.</summary>
    public QueuedMessage? Take(long sequence)
    {
        for (var i = _levels.Length - 1; i >= 0; i--)
        {
            var index = IndexOf(i, sequence);
            if (index < _levels[i].Count && _levels[i][index].Sequence == sequence)
            {
                return Removed(_levels[i].RemoveAt(index));
            }
        }

        return null;
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
        InMemory = 0;
        InMemoryBytes = 0;
    }

    private QueuedMessage Removed(QueuedMessage message)
    {
        Count--;
        Bytes -= message.Size;
        if (!message.IsPagedOut)
        {
            InMemory--;
            InMemoryBytes -= message.Size;
        }

        return message;
    }

    private void Added(QueuedMessage message)
    {
        Count++;
        Bytes += message.Size;
        if (!message.IsPagedOut)
        {
            InMemory++;
            InMemoryBytes += message.Size;
        }
    }

    /// <summary>Where <paramref name="sequence"/> is or belongs in its level (each level is sorted by sequence).</summary>
    private int IndexOf(int priority, long sequence)
    {
        var level = _levels[priority];
        int low = 0, high = level.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (level[mid].Sequence < sequence)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
