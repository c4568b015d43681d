using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Actors;

/// <summary>
/// An unbounded multi-producer, single-consumer FIFO queue built from ring segments. In steady state it
/// allocates nothing: a segment is a ring reused forever while it does not fill up. When producers find
/// it full they freeze it and append a segment twice as large; the consumer drains the frozen one and
/// drops it. No storage exists until the first enqueue, so idle owners stay small, and a large ring
/// found empty is swapped for a small one, so a burst does not pin its memory forever.
/// </summary>
internal sealed partial class MpscQueue<T>
{
    internal const int InitialSegmentCapacity = 4;
    internal const int MaxSegmentCapacity = 64 * 1024;

    // Rings up to this size stay when empty: steady traffic with many messages in flight reuses them.
    internal const int ShrinkAboveCapacity = 1024;

    private Segment? _head;
    private Segment? _tail;

    /// <summary>Adds an item; safe from any thread.</summary>
    public void Enqueue(T item)
    {
        while (true)
        {
            var tail = Volatile.Read(ref _tail);
            if (tail is not null && tail.TryEnqueue(item))
            {
                return;
            }

            AppendSegment(tail);
        }
    }

    /// <summary>Takes the oldest item; only the single consumer may call this.</summary>
    public bool TryDequeue([MaybeNullWhen(false)] out T item)
    {
        var head = Volatile.Read(ref _head);
        while (head is not null)
        {
            if (head.TryDequeue(out item))
            {
                return true;
            }

            var next = head.Next;
            if (next is null)
            {
                break;
            }

            // The head is frozen: producers that reserved a slot before the freeze must be waited for,
            // or their items would be skipped when the consumer moves on.
            if (head.TryDequeueReserved(out item))
            {
                return true;
            }

            Volatile.Write(ref _head, next);
            head = next;
        }

        if (head is { Capacity: > ShrinkAboveCapacity, Next: null })
        {
            ReplaceSegment(head, InitialSegmentCapacity);
        }

        item = default;
        return false;
    }

    /// <summary>The capacity of the ring producers currently write to (0 before the first enqueue).</summary>
    internal int TailCapacity => Volatile.Read(ref _tail)?.Capacity ?? 0;

    /// <summary>
    /// Whether a published item is waiting. A producer still writing its item is not seen; it schedules
    /// the consumer itself once it has published.
    /// </summary>
    public bool HasItems
    {
        get
        {
            for (var segment = Volatile.Read(ref _head); segment is not null; segment = segment.Next)
            {
                if (segment.HasPublishedItem)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void AppendSegment(Segment? full) =>
        ReplaceSegment(full, full is null ? InitialSegmentCapacity : Math.Min(full.Capacity * 2, MaxSegmentCapacity));

    /// <summary>
    /// Makes a new ring of <paramref name="capacity"/> the producers' target, unless another producer already
    /// replaced <paramref name="current"/>. The old ring is frozen and stays linked until the consumer drains it.
    /// </summary>
    private void ReplaceSegment(Segment? current, int capacity)
    {
        // Growing is rare, so a monitor on the queue itself is enough; a dedicated lock object would
        // cost every idle actor another allocation.
        lock (this)
        {
            if (!ReferenceEquals(Volatile.Read(ref _tail), current))
            {
                return;
            }

            var next = new Segment(capacity);
            if (current is null)
            {
                Volatile.Write(ref _head, next);
            }
            else
            {
                current.Freeze();
                current.Next = next;
            }

            Volatile.Write(ref _tail, next);
        }
    }
}
