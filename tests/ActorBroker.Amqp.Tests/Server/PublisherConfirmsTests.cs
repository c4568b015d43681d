using System.Buffers;
using System.IO.Pipelines;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Server;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Server;

public class PublisherConfirmsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Confirms_settled_while_the_outbound_queue_is_full_return_at_once_and_reach_the_client_in_order()
    {
        var outbound = new OutboundQueue();
        var filler = 0;
        while (outbound.TryPost(new OutboundFrame(OutboundKind.Heartbeat, 0)))
        {
            filler++;
        }

        var confirms = new PublisherConfirms(channel: 1, outbound);
        foreach (var _ in Enumerable.Range(0, 3))
        {
            confirms.Next();
        }

        // The journal writer settles confirms on its own thread: it must not wait for the client to read.
        await Task.Run(() =>
        {
            confirms.Confirmed(1, accepted: true);
            confirms.Confirmed(3, accepted: true);
            confirms.Confirmed(2, accepted: true);
        }).WaitAsync(s_timeout);

        var pipe = new Pipe();
        var writer = outbound.RunWriterAsync(pipe.Writer);
        var methods = await ReadMethodFramesAsync(pipe.Reader, filler, count: 2).WaitAsync(s_timeout);
        outbound.Complete();
        await writer.WaitAsync(s_timeout);

        Assert.Equal(
            [Payload(new BasicAck { DeliveryTag = 1 }), Payload(new BasicAck { DeliveryTag = 3, Multiple = true })],
            methods);
    }

    private static byte[] Payload(BasicAck ack) => FrameBytes.ReadAll(new ReadOnlySequence<byte>(FrameBytes.Method(1, ack)))[0].Payload;

    // The filler heartbeats come first: whatever was queued before the confirms is written before them.
    private static async Task<List<byte[]>> ReadMethodFramesAsync(PipeReader reader, int heartbeats, int count)
    {
        var methods = new List<byte[]>();
        var seenHeartbeats = 0;
        while (methods.Count < count)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            while (FrameReader.TryReadFrame(ref buffer, AmqpConstants.FrameMinSize, out var frame))
            {
                if (frame.Type == FrameType.Heartbeat)
                {
                    seenHeartbeats++;
                }
                else
                {
                    Assert.Equal(heartbeats, seenHeartbeats);
                    methods.Add(frame.Payload.ToArray());
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }

        return methods;
    }
}
