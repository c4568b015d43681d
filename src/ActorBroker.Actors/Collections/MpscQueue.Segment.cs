using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ActorBroker.Actors;

internal sealed partial class MpscQueue<T>
{
    /// <summary>
    /// A bounded ring (Vyukov's sequence-numbered slots): a slot's sequence says whether it is free for the
    /// producer of a position or published for the consumer. Freezing adds an offset to the tail so
    /// every later producer sees the ring as full.
    /// </summary>
    private sealed class Segment
    {
        private readonly Slot[] _slots;
        private readonly int _mask;
        private PaddedIndexes _indexes;
        private Segment? _next;

        public Segment(int capacity)
        {
            _slots = new Slot[capacity];
            _mask = capacity - 1;
            for (var i = 0; i < capacity; i++)
            {
                _slots[i].Sequence = i;
            }
        }

        public int Capacity => _slots.Length;

        public Segment? Next
        {
            get => Volatile.Read(ref _next);
            set => Volatile.Write(ref _next, value);
        }

        private int FreezeOffset => _slots.Length * 2;

        public bool HasPublishedItem
        {
            get
            {
                var head = Volatile.Read(ref _indexes.Head);
                return Volatile.Read(ref _slots[head & _mask].Sequence) == head + 1;
            }
        }

        public bool TryEnqueue(T item)
        {
            var slots = _slots;
            while (true)
            {
                var tail = Volatile.Read(ref _indexes.Tail);
                ref var slot = ref slots[tail & _mask];
                var distance = Volatile.Read(ref slot.Sequence) - tail;
                if (distance == 0)
                {
                    if (Interlocked.CompareExchange(ref _indexes.Tail, tail + 1, tail) == tail)
                    {
                        slot.Item = item;
                        Volatile.Write(ref slot.Sequence, tail + 1);
                        return true;
                    }
                }
                else if (distance < 0)
                {
                    return false;
                }
            }
        }

        public bool TryDequeue([MaybeNullWhen(false)] out T item)
        {
            var head = _indexes.Head;
            ref var slot = ref _slots[head & _mask];
            if (Volatile.Read(ref slot.Sequence) != head + 1)
            {
                item = default;
                return false;
            }

            item = slot.Item;
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                slot.Item = default!;
            }

            Volatile.Write(ref slot.Sequence, head + _slots.Length);
            Volatile.Write(ref _indexes.Head, head + 1);
            return true;
        }

        public bool TryDequeueReserved([MaybeNullWhen(false)] out T item)
        {
            var spinner = default(SpinWait);
            while (true)
            {
                if (TryDequeue(out item))
                {
                    return true;
                }

                var reserved = Volatile.Read(ref _indexes.Tail) - FreezeOffset;
                if (reserved - _indexes.Head <= 0)
                {
                    return false;
                }

                spinner.SpinOnce();
            }
        }

        public void Freeze() => Interlocked.Add(ref _indexes.Tail, FreezeOffset);

        private struct Slot
        {
            public T Item;
            public int Sequence;
        }
    }
}
