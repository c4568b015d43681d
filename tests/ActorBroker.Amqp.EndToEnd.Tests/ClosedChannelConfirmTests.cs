using ActorBroker.Amqp.Framing;
using WireProperties = ActorBroker.Amqp.Framing.BasicProperties;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>
/// A client that closes a channel in confirm mode before every confirm came must hear nothing more on it after
/// close-ok: the channel number is free again, and a confirm arriving on it (or on the channel reopened under that
/// number) makes RabbitMQ.Client close the whole connection.
/// </summary>
public sealed class ClosedChannelConfirmTests : IDisposable
{
    private const int Publishes = 500;
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("actorbroker-e2e-");

    [Fact]
    public async Task Confirms_still_in_flight_when_the_client_closes_the_channel_never_follow_close_ok()
    {
        await using var node = await DurableBrokerNode.StartAsync(Path.Combine(_dataDirectory.FullName, "journal.db"));
        await using var raw = await RawAmqpClient.ConnectAsync(node.Listener.EndPoint.Port);
        await raw.OpenAsync();
        await raw.SendAsync(RawAmqpClient.Method(1, new QueueDeclare { Queue = "late-confirms", Durable = true }));
        await raw.SendAsync(RawAmqpClient.Method(1, default(ConfirmSelect)));
        await ReadUntilAsync(raw, AmqpMethodId.ConfirmSelectOk);

        // The publishes' journal writes are still in flight when the close that follows them in the same send arrives.
        var persistent = new WireProperties { DeliveryMode = 2 };
        var body = new byte[1024];
        await raw.SendAsync([
            .. Enumerable.Range(0, Publishes).SelectMany(_ => RawAmqpClient.Publish(1, "late-confirms", body, persistent)),
            .. RawAmqpClient.Method(1, new ChannelClose { ReplyCode = 200, ReplyText = "done" }),
        ]);
        await ReadUntilAsync(raw, AmqpMethodId.ChannelCloseOk);
        await using (var connection = await node.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            // A queue commits its writes in order: once this one is confirmed, every earlier publish has settled.
            await channel.BasicPublishAsync("", "late-confirms", true, new RabbitMQ.Client.BasicProperties { Persistent = true }, body).AsTask().WaitAsync(BrokerNode.Timeout);
            Assert.Equal((uint)Publishes + 1, await channel.MessageCountAsync("late-confirms"));
        }

        await raw.SendAsync(RawAmqpClient.Method(0, new ConnectionClose { ReplyCode = 200, ReplyText = "bye" }));
        var afterCloseOk = new List<string>();
        while (await raw.ReadFrameAsync() is { } frame && !IsMethod(frame, AmqpMethodId.ConnectionCloseOk))
        {
            afterCloseOk.Add(frame.Type == FrameType.Method ? AmqpMethods.Describe(AmqpMethods.ReadId(frame.Payload)) : frame.Type.ToString());
        }

        Assert.Empty(afterCloseOk);
    }

    private static async Task ReadUntilAsync(RawAmqpClient raw, AmqpMethodId method)
    {
        while (await raw.ReadFrameAsync() is { } frame)
        {
            if (IsMethod(frame, method))
            {
                return;
            }
        }

        Assert.Fail($"The socket closed before {method}.");
    }

    private static bool IsMethod((FrameType Type, ushort Channel, byte[] Payload) frame, AmqpMethodId method) =>
        frame.Type == FrameType.Method && AmqpMethods.ReadId(frame.Payload) == method;

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}
