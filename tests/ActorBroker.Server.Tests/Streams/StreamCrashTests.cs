using System.Threading.Channels;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Streams;

/// <summary>A stream on the node's journal through a SIGKILL, and through a clean stop.</summary>
[Trait("Category", "Crash")]
public sealed class StreamCrashTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-stream-crash-");

    [Fact]
    public async Task Every_confirmed_message_is_in_the_stream_in_order_after_a_SIGKILL_while_publishing()
    {
        var confirmed = new List<string>();
        await using (var node = NodeProcess.Start(_workDir.FullName))
        {
            await using var connection = await ConnectAsync(await node.WaitForAmqpPortAsync(s_timeout));
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("events", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "stream" });
            var killAfter = Random.Shared.Next(50, 300);
            try
            {
                for (var i = 0; ; i++)
                {
                    var body = $"m{i:D5}";
                    await channel.BasicPublishAsync("", "events", true, new BasicProperties(), Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(s_timeout);
                    confirmed.Add(body);
                    if (i == killAfter)
                    {
                        // Killed with the next publishes on their way: their confirms are never seen.
                        _ = channel.BasicPublishAsync("", "events", true, new BasicProperties(), "in flight"u8.ToArray()).AsTask();
                        await node.KillAsync();
                    }
                }
            }
            catch (Exception error) when (error is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException or ObjectDisposedException)
            {
                // The node is gone.
            }
        }

        await using (var restarted = NodeProcess.Start(_workDir.FullName))
        {
            await using var connection = await ConnectAsync(await restarted.WaitForAmqpPortAsync(s_timeout));
            var read = await ReadAllAsync(connection, "events");

            Assert.Equal(Enumerable.Range(0, read.Count).Select(i => (long)i), read.Select(r => r.Offset));
            Assert.Equal(confirmed, read.Select(r => r.Body).Take(confirmed.Count));
            restarted.SendSigterm();
            Assert.Equal(0, await restarted.WaitForExitAsync(s_timeout));
        }
    }

    [Fact]
    public async Task A_consumer_group_resumes_right_after_its_durable_committed_offset_after_a_SIGKILL()
    {
        var group = new Dictionary<string, object?> { ["x-consumer-group"] = "billing" };
        await using (var node = NodeProcess.Start(_workDir.FullName))
        {
            var management = await node.WaitForManagementAsync(s_timeout);
            await using var connection = await ConnectAsync(await node.WaitForAmqpPortAsync(s_timeout));
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("events", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "stream" });
            for (var i = 0; i < 20; i++)
            {
                await channel.BasicPublishAsync("", "events", true, new BasicProperties(), Encoding.UTF8.GetBytes($"m{i}")).AsTask().WaitAsync(s_timeout);
            }

            var acked = await ReadAllAsync(connection, "events", group, take: 8);
            Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), acked.Select(a => a.Offset));
            using var client = new ActorBroker.Management.Client.ManagementClient(management, "guest", "guest");
            var deadline = DateTime.UtcNow + s_timeout;
            while ((await client.GetQueueAsync("/", "events")).ConsumerGroups?.SingleOrDefault()?.CommittedOffset != 8)
            {
                Assert.True(DateTime.UtcNow < deadline, "the group's committed offset did not become durable");
            }

            await node.KillAsync();
        }

        await using (var restarted = NodeProcess.Start(_workDir.FullName))
        {
            await using var connection = await ConnectAsync(await restarted.WaitForAmqpPortAsync(s_timeout));

            var resumed = await ReadAllAsync(connection, "events", group, take: 12);

            Assert.Equal(Enumerable.Range(8, 12).Select(i => ((long)i, $"m{i}")), resumed);
        }
    }

    private static Task<IConnection> ConnectAsync(int port) => new ConnectionFactory
    {
        HostName = "127.0.0.1",
        Port = port,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    }.CreateConnectionAsync().WaitAsync(s_timeout);

    /// <summary>
    /// Every message of the stream from its first, as (offset, body), acking each; with <paramref name="arguments"/>
    /// the consume arguments instead of <c>x-stream-offset = first</c>, and with <paramref name="take"/> that many
    /// (the ones after them are not acked).
    /// </summary>
    private static async Task<List<(long Offset, string Body)>> ReadAllAsync(IConnection connection, string stream, Dictionary<string, object?>? arguments = null, int? take = null)
    {
        await using var channel = await connection.CreateChannelAsync();
        var count = take ?? (int)(await channel.QueueDeclarePassiveAsync(stream)).MessageCount;
        await channel.BasicQosAsync(0, 100, false);
        var deliveries = Channel.CreateUnbounded<BasicDeliverEventArgs>();
        var consumer = new AsyncEventingBasicConsumer(channel);
        var taken = 0;
        consumer.ReceivedAsync += async (_, e) =>
        {
            if (Interlocked.Increment(ref taken) > count)
            {
                return;
            }

            // Acked before it is handed on: the channel may close right after the last one is taken.
            var copy = new BasicDeliverEventArgs(e.ConsumerTag, e.DeliveryTag, e.Redelivered, e.Exchange, e.RoutingKey, e.BasicProperties, e.Body.ToArray());
            await channel.BasicAckAsync(e.DeliveryTag, multiple: false);
            deliveries.Writer.TryWrite(copy);
        };
        await channel.BasicConsumeAsync(stream, autoAck: false, "", noLocal: false, exclusive: false, arguments ?? new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, consumer);
        var read = new List<(long, string)>();
        while (read.Count < count)
        {
            var delivery = await deliveries.Reader.ReadAsync().AsTask().WaitAsync(s_timeout);
            read.Add(((long)delivery.BasicProperties.Headers!["x-stream-offset"]!, Encoding.UTF8.GetString(delivery.Body.Span)));
        }

        return read;
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
