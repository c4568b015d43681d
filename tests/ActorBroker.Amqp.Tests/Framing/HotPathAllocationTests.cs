using System.Buffers;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class HotPathAllocationTests
{
    [Fact]
    public void Reading_publish_and_ack_and_writing_deliver_allocate_nothing_once_warm()
    {
        byte[] inbound =
        [
            .. FrameBytes.Method(1, new BasicPublish { Exchange = "amq.direct", RoutingKey = "orders" }),
            .. FrameBytes.Method(1, new BasicAck { DeliveryTag = 7 }),
        ];
        var output = new ArrayBufferWriter<byte>(4096);
        var deliver = new BasicDeliver { ConsumerTag = "ctag-1", DeliveryTag = 7, Exchange = "amq.direct", RoutingKey = "orders" };
        var body = new byte[100];

        Assert.Equal(("orders", 7UL), RunOnce(inbound, output, deliver, body));   // also warms the short-string cache and JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            RunOnce(inbound, output, deliver, body);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (string RoutingKey, ulong AckedTag) RunOnce(byte[] inbound, ArrayBufferWriter<byte> output, BasicDeliver deliver, byte[] body)
    {
        var input = new ReadOnlySequence<byte>(inbound);
        var routingKey = "";
        var ackedTag = 0UL;
        while (FrameReader.TryReadFrame(ref input, 4096, out var frame))
        {
            var payload = frame.Payload.FirstSpan;
            switch (AmqpMethods.ReadId(payload))
            {
                case AmqpMethodId.BasicPublish:
                    routingKey = BasicPublish.Read(payload[AmqpMethods.IdSize..]).RoutingKey;
                    break;
                case AmqpMethodId.BasicAck:
                    ackedTag = BasicAck.Read(payload[AmqpMethods.IdSize..]).DeliveryTag;
                    break;
            }
        }

        output.ResetWrittenCount();
        FrameWriter.WriteContent(output, 1, deliver, null, body, 4096);
        return (routingKey, ackedTag);
    }
}
