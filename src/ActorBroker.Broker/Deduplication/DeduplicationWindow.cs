namespace ActorBroker.Broker.Deduplication;

/// <summary>
/// The ids a queue or exchange has seen within its window, oldest first: an id is a duplicate while it is
/// remembered, at most <see cref="DeduplicationSettings.CacheTtl"/> after it was first seen and while fewer than
/// <see cref="DeduplicationSettings.CacheSize"/> newer ids came after it. Memory is bounded by the size. Not
/// thread-safe: one actor owns it.
/// </summary>
internal sealed class DeduplicationWindow(DeduplicationSettings settings)
{
    private readonly Dictionary<string, DeduplicationEntry> _entries = new(StringComparer.Ordinal);

    // First-seen order; with one TTL for all ids this is also expiry order. An entry forgotten out of turn stays
    // here until it reaches the front (it is no longer in _entries): forgetting is rare (a failed journal write).
    private readonly Queue<DeduplicationEntry> _order = new();

    public DeduplicationSettings Settings { get; } = settings;

    /// <summary>How many ids are remembered (some may have expired since the last <see cref="Add"/>).</summary>
    public int Count => _entries.Count;

    /// <summary>The remembered ids, oldest first.</summary>
    public IEnumerable<DeduplicationEntry> Entries => _order.Where(e => _entries.TryGetValue(e.Key, out var current) && ReferenceEquals(current, e));

    /// <summary>Whether <paramref name="key"/> was seen within the window.</summary>
    public bool Contains(string key, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var entry) && !IsExpired(entry, now);

    /// <summary>
    /// Remembers <paramref name="key"/>, first seen at <paramref name="seenAt"/> by the message numbered
    /// <paramref name="sequence"/>; ids past their TTL and the oldest beyond the size are forgotten.
    /// <paramref name="journaled"/>: the id is written with its message, so it may go into a snapshot.
    /// </summary>
    public void Add(string key, long sequence, DateTimeOffset seenAt, bool journaled)
    {
        ArgumentNullException.ThrowIfNull(key);
        Expire(seenAt);
        _entries.Remove(key);
        while (_entries.Count >= Settings.CacheSize)
        {
            RemoveOldest();
        }

        var entry = new DeduplicationEntry(key, sequence, seenAt, journaled);
        _entries[key] = entry;
        _order.Enqueue(entry);
    }

    /// <summary>Forgets the id of message <paramref name="sequence"/> (its journal write failed: a retry is not a duplicate).</summary>
    public void Forget(string key, long sequence)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Sequence == sequence)
        {
            _entries.Remove(key);
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (IsExpired(oldest, now) || !IsCurrent(oldest)))
        {
            RemoveOldest();
        }
    }

    private void RemoveOldest()
    {
        var oldest = _order.Dequeue();
        if (IsCurrent(oldest))
        {
            _entries.Remove(oldest.Key);
        }
    }

    private bool IsCurrent(DeduplicationEntry entry) =>
        _entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry);

    private bool IsExpired(DeduplicationEntry entry, DateTimeOffset now) =>
        Settings.CacheTtl is { } ttl && entry.SeenAt + ttl <= now;
}

/// <summary>One remembered id: the message that brought it (its sequence in the queue or exchange) and when.</summary>
internal sealed record DeduplicationEntry(string Key, long Sequence, DateTimeOffset SeenAt, bool Journaled);
