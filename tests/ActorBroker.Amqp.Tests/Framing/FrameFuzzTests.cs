using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;
using ActorBroker.Fuzz.Targets;

namespace ActorBroker.Amqp.Tests.Framing;

/// <summary>
/// Mutated and random input must end in one of three ways: frames, a request for more bytes, or an
/// <see cref="AmqpProtocolException"/> with a reply code documented for bad input. Any other exception, an
/// allocation out of proportion to the input, or a loop that does not finish, is a bug.
/// </summary>
public class FrameFuzzTests
{
    [Fact]
    public void Mutated_valid_frames_yield_frames_more_input_or_a_protocol_error()
    {
        var valid = ValidStream();
        var random = new Random(20261122);
        for (var round = 0; round < 3000; round++)
        {
            Decode(Mutate(valid, random));
        }
    }

    [Fact]
    public void Random_bytes_behind_valid_frame_headers_yield_frames_more_input_or_a_protocol_error()
    {
        var random = new Random(5672);
        for (var round = 0; round < 3000; round++)
        {
            var payload = new byte[random.Next(0, 200)];
            random.NextBytes(payload);
            var type = random.Next(3) switch { 0 => FrameType.Method, 1 => FrameType.Header, _ => FrameType.Body };
            var frame = FrameBytes.Hex($"{(byte)type:X2} 0001 {payload.Length:X8}").Concat(payload).Append(AmqpConstants.FrameEnd).ToArray();
            if (type == FrameType.Method && payload.Length >= 4)
            {
                // Aim at real methods so their argument decoders see the garbage.
                var ids = Enum.GetValues<AmqpMethodId>();
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(7), (uint)ids[random.Next(ids.Length)]);
            }

            // A header or body frame is read only after the method it belongs to (and a body after its header).
            byte[] before = type switch
            {
                FrameType.Header => FrameBytes.Method(1, new BasicPublish()),
                FrameType.Body => FrameBytes.Content(1, new BasicPublish(), null, new byte[payload.Length + 1])[..^(payload.Length + 1 + FrameReader.OverheadSize)],
                _ => [],
            };
            Decode([.. before, .. frame]);
        }
    }

    // Through the fuzz target's property (segments of 61 bytes after a valid protocol header): frames, a
    // request for more bytes, or a protocol error with a documented reply code, within the allocation budget.
    private static void Decode(byte[] bytes) => AmqpInputTarget.Run([61, .. ProtocolHeader.Bytes, .. bytes]);

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 8), bytes.Count - at));
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte[] ValidStream()
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            Headers = new FieldTable
            {
                { "x-death", FieldValue.Of([FieldValue.Of(new FieldTable { { "count", FieldValue.Of(2L) }, { "time", FieldValue.Of(new AmqpTimestamp(1)) } })]) },
                { "d", FieldValue.Of(new AmqpDecimal(1, 5)) },
                { "f", FieldValue.Of(0.5f) },
            },
            DeliveryMode = 2,
        };
        var arguments = new FieldTable { { "x-max-length", FieldValue.Of(10) }, { "x-queue-type", FieldValue.Of("quorum") } };
        return
        [
            .. FrameBytes.Method(0, new ConnectionStartOk { ClientProperties = arguments, Response = "\0guest\0guest"u8.ToArray() }),
            .. FrameBytes.Method(1, new QueueDeclare { Queue = "orders", Durable = true, Arguments = arguments }),
            .. FrameBytes.Content(1, new BasicPublish { RoutingKey = "orders" }, properties, new byte[300]),
            .. FrameBytes.Method(1, new BasicAck { DeliveryTag = 9, Multiple = true }),
        ];
    }
}
