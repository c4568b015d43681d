namespace ActorBroker.Broker.Durability;

/// <summary>
/// Which journal row holds the Enqueued record of which message: one entry per row (the first and last
/// message sequence it enqueued), not per message, so a backlog of millions costs a few thousand entries.
/// Rows are written in sequence order, so the entries are sorted both ways and a lookup is a binary search.
/// </summary>
internal sealed class RowIndex
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>Notes that <paramref name="row"/> enqueued messages <paramref name="first"/> to <paramref name="last"/>.</summary>
    public void Add(long first, long last, long row)
    {
        if (_entries.Count > 0 && _entries[^1].Row >= row)
        {
            throw new InvalidOperationException($"Journal row {row} is indexed after row {_entries[^1].Row}.");
        }

        _entries.Add(new Entry(first, last, row));
    }

    /// <summary>Forgets the rows up to <paramref name="row"/> (deleted by compaction).</summary>
    public void RemoveUpTo(long row)
    {
        var count = 0;
        while (count < _entries.Count && _entries[count].Row <= row)
        {
            count++;
        }

        _entries.RemoveRange(0, count);
    }

    /// <summary>The row that enqueued <paramref name="sequence"/>, or 0 when no indexed row did.</summary>
    public long RowOf(long sequence)
    {
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var entry = _entries[mid];
            if (sequence < entry.First)
            {
                high = mid - 1;
            }
            else if (sequence > entry.Last)
            {
                low = mid + 1;
            }
            else
            {
                return entry.Row;
            }
        }

        return 0;
    }

    /// <param name="First">The lowest message sequence the row enqueued.</param>
    /// <param name="Last">The highest.</param>
    /// <param name="Row">The row's journal sequence number.</param>
    public readonly record struct Entry(long First, long Last, long Row);
}
