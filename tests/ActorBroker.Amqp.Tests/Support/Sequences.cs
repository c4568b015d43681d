using System.Buffers;

namespace ActorBroker.Amqp.Tests.Support;

/// <summary>Builds multi-segment sequences, the shape a pipe hands out when data arrives in pieces.</summary>
internal static class Sequences
{
    /// <summary>Cuts <paramref name="data"/> at the given offsets into separate segments (separate arrays).</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> data, params int[] cuts)
    {
        var length = data.Length;
        var bounds = cuts.Where(c => c > 0 && c < length).Distinct().Order().Append(length).ToArray();
        Segment? first = null;
        Segment? last = null;
        var start = 0;
        foreach (var end in bounds)
        {
            var segment = new Segment(data[start..end].ToArray(), last);
            first ??= segment;
            last = segment;
            start = end;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>Every segment <paramref name="size"/> bytes long.</summary>
    public static ReadOnlySequence<byte> Chunked(ReadOnlySpan<byte> data, int size) =>
        Split(data, Enumerable.Range(1, data.Length / size).Select(i => i * size).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, Segment? previous)
        {
            Memory = data;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
