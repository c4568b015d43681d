using System.Numerics;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// Remembers which message ids arrived on one queue, so a run can tell lost messages from duplicates.
/// Ids are dense from 0; one bit per id, in lazily allocated chunks, set with an atomic OR so any number
/// of consumers may record at once.
/// </summary>
internal sealed class DeliveryLedger
{
    private const int ChunkShift = 16;
    private const int IdsPerChunk = 1 << ChunkShift;
    private const int MaxChunks = 1 << 16;

    private readonly ulong[]?[] _chunks = new ulong[]?[MaxChunks];
    private long _distinct;
    private long _duplicates;
    private long _malformed;

    /// <summary>How many different ids arrived so far.</summary>
    public long Distinct => Volatile.Read(ref _distinct);

    /// <summary>Records one delivery; false when the id had already arrived (a duplicate) or is out of range.</summary>
    public bool Record(long id)
    {
        if (id < 0 || id >= (long)IdsPerChunk * MaxChunks)
        {
            Interlocked.Increment(ref _malformed);
            return false;
        }
        var chunk = _chunks[id >> ChunkShift] ?? CreateChunk((int)(id >> ChunkShift));
        var offset = (int)(id & (IdsPerChunk - 1));
        var bit = 1UL << (offset & 63);
        if ((Interlocked.Or(ref chunk[offset >> 6], bit) & bit) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }
        Interlocked.Increment(ref _distinct);
        return true;
    }

    /// <summary>A delivery whose body could not carry an id at all.</summary>
    public void RecordMalformed() => Interlocked.Increment(ref _malformed);

    /// <summary>Compares what arrived with the <paramref name="published"/> ids 0 … published-1.</summary>
    public DeliveryTally Tally(long published)
    {
        var expectedArrived = CountBelow(published);
        var beyond = Distinct - expectedArrived;
        return new DeliveryTally(
            published,
            expectedArrived,
            Lost: published - expectedArrived,
            Duplicated: Volatile.Read(ref _duplicates),
            Unexpected: beyond + Volatile.Read(ref _malformed));
    }

    private long CountBelow(long limit)
    {
        long count = 0;
        for (long start = 0; start < limit; start += IdsPerChunk)
        {
            var chunk = _chunks[start >> ChunkShift];
            if (chunk is null)
                continue;
            var ids = (int)Math.Min(IdsPerChunk, limit - start);
            for (var word = 0; word < ids >> 6; word++)
                count += BitOperations.PopCount(Volatile.Read(ref chunk[word]));
            if ((ids & 63) != 0)
                count += BitOperations.PopCount(Volatile.Read(ref chunk[ids >> 6]) & ((1UL << (ids & 63)) - 1));
        }
        return count;
    }

    private ulong[] CreateChunk(int index)
    {
        var fresh = new ulong[IdsPerChunk / 64];
        return Interlocked.CompareExchange(ref _chunks[index], fresh, null) ?? fresh;
    }
}

/// <summary>Loss and duplicate accounting of one queue after a run.</summary>
internal readonly record struct DeliveryTally(long Published, long Received, long Lost, long Duplicated, long Unexpected)
{
    public bool IsClean => Lost == 0 && Duplicated == 0 && Unexpected == 0;
}
