using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// Gathers what a stream is published into its next chunk, and keeps the confirms of the chunks on their way to the
/// journal, oldest first (the journal answers writes in order). A chunk closes when its write goes out: when the
/// stream has handled the messages already in its mailbox and no chunk is on its way, or when it is full.
/// </summary>
internal sealed class StreamChunkWriter
{
    /// <summary>Most messages in one chunk: a chunk is read back whole, so this bounds a read as much as a write.</summary>
    public const int MaxMessages = 2048;

    /// <summary>Most body bytes in one chunk (a bigger message is a chunk of its own).</summary>
    public const long MaxBytes = 1 << 20;

    private readonly List<Message> _messages = [];
    private readonly Queue<List<PublishConfirm>> _inFlight = new();
    private readonly Stack<List<PublishConfirm>> _spare = new();
    private List<PublishConfirm> _confirms = [];
    private long _bytes;

    public int ChunksInFlight => _inFlight.Count;

    public bool IsGathering => _messages.Count > 0;

    /// <returns>Whether the chunk is full and should go out now.</returns>
    public bool Add(Message message, PublishConfirm? confirm)
    {
        _messages.Add(message);
        _bytes += message.Body.Length;
        if (confirm is not null)
        {
            _confirms.Add(confirm);
        }

        return _messages.Count >= MaxMessages || _bytes >= MaxBytes;
    }

    /// <summary>Settles <paramref name="confirm"/> with the chunk being gathered; false when nothing is gathered.</summary>
    public bool SettleWithGathered(PublishConfirm confirm)
    {
        if (!IsGathering)
        {
            return false;
        }

        _confirms.Add(confirm);
        return true;
    }

    /// <summary>Closes the gathered messages into a chunk at <paramref name="firstOffset"/>; its confirms wait for <see cref="Written"/>.</summary>
    public StreamChunk Take(long firstOffset, DateTimeOffset now)
    {
        var chunk = new StreamChunk(firstOffset, now, [.. _messages]);
        _messages.Clear();
        _bytes = 0;
        _inFlight.Enqueue(_confirms);
        _confirms = _spare.TryPop(out var spare) ? spare : [];
        return chunk;
    }

    /// <summary>The oldest chunk on its way was journaled (true) or rejected (false): its publishers are told.</summary>
    public void Written(bool accepted)
    {
        var confirms = _inFlight.Dequeue();
        foreach (var confirm in confirms)
        {
            confirm.Settle(accepted);
        }

        confirms.Clear();
        _spare.Push(confirms);
    }

    /// <summary>A write failed and the stream stops: every publisher still waiting, on its way or gathered, is told no.</summary>
    public void FailAll()
    {
        while (_inFlight.Count > 0)
        {
            Written(accepted: false);
        }

        foreach (var confirm in _confirms)
        {
            confirm.Settle(false);
        }

        _confirms.Clear();
        _messages.Clear();
    }
}
