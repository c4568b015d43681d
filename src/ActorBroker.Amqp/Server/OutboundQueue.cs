using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// One connection's bounded outbound queue and the single writer loop that drains it into the socket's pipe.
/// Anything may post (the reader loop, channel actors delivering, confirm continuations); only the writer
/// touches the pipe. A full queue makes the poster wait, which pushes back on the queues that deliver.
/// Flushes are batched: the writer flushes when the queue runs dry, not per frame.
/// </summary>
internal sealed partial class OutboundQueue
{
    private const int Capacity = 4096;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_scratch;

    private readonly Channel<OutboundFrame> _queue = Channel.CreateBounded<OutboundFrame>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _lastWriteTicks = Environment.TickCount64;

    /// <summary>The largest frame the client accepts: body frames are cut to fit it. Set once tune-ok settles it.</summary>
    public uint FrameMax { get; set; } = AmqpConstants.FrameMinSize;

    /// <summary>When the writer last put bytes into the pipe (<see cref="Environment.TickCount64"/>).</summary>
    public long LastWriteTicks => Volatile.Read(ref _lastWriteTicks);

    /// <summary>Encodes a method frame now (the method's strings may not outlive the call) and queues it.</summary>
    public void PostMethod<TMethod>(ushort channel, in TMethod method)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        var scratch = s_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        FrameWriter.WriteMethod(scratch, channel, method);
        PostEncoded(scratch.WrittenSpan);
    }

    /// <summary>Queues a copy of already encoded frames.</summary>
    public void PostEncoded(ReadOnlySpan<byte> frames)
    {
        if (frames.IsEmpty)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(frames.Length);
        frames.CopyTo(buffer);
        Post(new OutboundFrame(OutboundKind.Encoded, 0, Buffer: buffer, Length: frames.Length));
    }

    public void PostDelivery(ushort channel, Delivery delivery) => Post(new OutboundFrame(OutboundKind.Deliver, channel, delivery));

    public void Post(in OutboundFrame frame)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            return;
        }

        try
        {
            // Full: wait for the writer (back-pressure). Completed: the connection is gone, drop it.
            _queue.Writer.WriteAsync(frame).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            Release(frame);
        }
    }

    /// <summary>No more frames: the writer drains what is queued, then ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private static void Release(in OutboundFrame frame)
    {
        if (frame.Buffer is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
