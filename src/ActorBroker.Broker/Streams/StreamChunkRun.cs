using ActorBroker.Broker.Collections;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// Chunks in offset order, found by offset: a stream's tail in memory, or what was read back for one consumer.
/// Offsets may have gaps between chunks (a chunk the journal rejected, a row it quarantined).
/// </summary>
internal sealed class StreamChunkRun
{
    private readonly Deque<StreamChunk> _chunks = new();

    public int Chunks => _chunks.Count;

    public long Messages { get; private set; }

    public long Bytes { get; private set; }

    public StreamChunk First => _chunks.PeekFront();

    public void Add(StreamChunk chunk)
    {
        _chunks.PushBack(chunk);
        Messages += chunk.Messages.Length;
        Bytes += chunk.Size;
    }

    public void RemoveFirst()
    {
        var chunk = _chunks.PopFront();
        Messages -= chunk.Messages.Length;
        Bytes -= chunk.Size;
    }

    public void Clear()
    {
        _chunks.Clear();
        (Messages, Bytes) = (0, 0);
    }

    /// <summary>The chunk that holds <paramref name="offset"/>, or the first one after it when the offset is in a gap.</summary>
    public bool TryFind(long offset, out StreamChunk chunk)
    {
        var (low, high) = (0, _chunks.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_chunks[middle].EndOffset <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        chunk = low < _chunks.Count ? _chunks[low] : null!;
        return low < _chunks.Count;
    }
}
