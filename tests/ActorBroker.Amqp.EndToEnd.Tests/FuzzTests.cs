using System.Buffers;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class FuzzTests : NodeTest
{
    private const int Rounds = 120;
    private const int Parallelism = 8;

    [Fact]
    public async Task Random_and_mutated_frames_never_take_down_the_node_or_other_clients()
    {
        await DeclareQueueAsync("fuzz");
        var valid = ValidTraffic();
        var random = new Random(20261122);
        var inputs = Enumerable.Range(0, Rounds).Select(i => i % 3 == 0 ? RandomBytes(random) : Mutate(valid, random)).ToList();

        foreach (var batch in inputs.Chunk(Parallelism))
        {
            await Task.WhenAll(batch.Select(SendToFreshConnectionAsync));
        }

        await Channel.BasicPublishAsync("", "fuzz", Encoding.UTF8.GetBytes("after the storm"));
        Assert.Contains("after the storm", await DrainAsync("fuzz"));
        await using var fresh = await Node.ConnectAsync();
        Assert.True(fresh.IsOpen);
        Assert.Empty(Node.Log.Errors);
    }

    private async Task SendToFreshConnectionAsync(byte[] input)
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();
        await raw.SendAsync(input);
        await raw.DrainAsync(TimeSpan.FromMilliseconds(300));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    // Flip, overwrite or cut valid traffic: the frame structure mostly survives, so deeper code is reached.
    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        for (var flips = random.Next(1, 5); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return random.Next(4) == 0 ? bytes[..random.Next(1, bytes.Length)] : bytes;
    }

    private static byte[] ValidTraffic()
    {
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteMethod(output, 1, new QueueDeclare { Queue = "fuzz", Arguments = new FieldTable { ["x-max-length"] = FieldValue.Of(10) } });
        FrameWriter.WriteMethod(output, 1, new BasicQos { PrefetchCount = 2 });
        FrameWriter.WriteMethod(output, 1, new ConfirmSelect());
        FrameWriter.WriteContent(output, 1, new BasicPublish { Exchange = "", RoutingKey = "fuzz", Mandatory = true },
            new Framing.BasicProperties { MessageId = "m", Headers = new FieldTable { ["h"] = FieldValue.Of("v") }, Expiration = "60000" }, "payload"u8, RawAmqpClient.FrameMax);
        FrameWriter.WriteMethod(output, 1, new BasicGet { Queue = "fuzz" });
        FrameWriter.WriteMethod(output, 1, new BasicConsume { Queue = "fuzz", ConsumerTag = "c" });
        FrameWriter.WriteMethod(output, 1, new BasicAck { DeliveryTag = 1, Multiple = true });
        FrameWriter.WriteMethod(output, 1, new ExchangeDeclare { Exchange = "fx", Type = "topic" });
        FrameWriter.WriteMethod(output, 1, new QueueBind { Queue = "fuzz", Exchange = "fx", RoutingKey = "#" });
        FrameWriter.WriteMethod(output, 1, new TxSelect());
        FrameWriter.WriteMethod(output, 1, new BasicCancel { ConsumerTag = "c" });
        FrameWriter.WriteMethod(output, 1, new ChannelClose { ReplyText = "bye" });
        return output.WrittenSpan.ToArray();
    }
}
