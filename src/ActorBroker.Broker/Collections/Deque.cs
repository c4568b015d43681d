namespace ActorBroker.Broker.Collections;

/// <summary>
/// A growable ring buffer: O(1) at both ends, O(n) insert in the middle (used only for requeues, which are
/// rare next to appends and head removals). No allocation once it has grown to its working size.
/// </summary>
internal sealed class Deque<T>
{
    private T[] _items;
    private int _head;

    public Deque(int capacity = 16) => _items = new T[Math.Max(capacity, 4)];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be below {Count}.");
            }

            return _items[(_head + index) % _items.Length];
        }
    }

    /// <summary>A reference to an element, for changing it in place.</summary>
    public ref T At(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be below {Count}.");
        }

        return ref _items[(_head + index) % _items.Length];
    }

    public void PushBack(T item)
    {
        EnsureRoom();
        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public T PeekFront() => Count > 0 ? _items[_head] : throw new InvalidOperationException("The deque is empty.");

    public T PopFront()
    {
        var item = PeekFront();
        _items[_head] = default!;
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }

    public void Insert(int index, T item)
    {
        if ((uint)index > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be at most {Count}.");
        }

        EnsureRoom();
        for (var i = Count; i > index; i--)
        {
            _items[(_head + i) % _items.Length] = _items[(_head + i - 1) % _items.Length];
        }

        _items[(_head + index) % _items.Length] = item;
        Count++;
    }

    /// <summary>Removes the element at <paramref name="index"/>, O(n) like <see cref="Insert"/>.</summary>
    public T RemoveAt(int index)
    {
        var item = this[index];
        for (var i = index; i < Count - 1; i++)
        {
            _items[(_head + i) % _items.Length] = _items[(_head + i + 1) % _items.Length];
        }

        _items[(_head + Count - 1) % _items.Length] = default!;
        Count--;
        return item;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
    }

    private void EnsureRoom()
    {
        if (Count < _items.Length)
        {
            return;
        }

        var grown = new T[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = _items[(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
