using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ActorBroker.Testing.Postgres;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Three node processes on one shared PostgreSQL journal; a durable queue lives on node 1 and RabbitMQ's client consumes
/// it from node 2. Node 1 is killed with SIGKILL: the consumer is cancelled by the server (basic.cancel, which the client
/// asked for with its consumer_cancel_notify capability), acks of what it held are accepted, and consuming again on the
/// same channel gets every confirmed message from node 0, which adopted the queue. It prints how long after the kill
/// the cancel came and the last message was delivered again.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class MovedQueueConsumerTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private const int Messages = 100;
    private const ushort Prefetch = 10;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-moved-queue-");

    [Fact]
    public async Task A_consumer_of_a_killed_node_s_queue_is_cancelled_and_consuming_again_gets_every_confirmed_message()
    {
        var database = await postgres.DatabaseAsync(nameof(MovedQueueConsumerTests));
        await using var cluster = await FailoverCluster.StartAsync(_workDir.FullName, database, nodes: 3);
        await using (var owner = await Factory(cluster.AmqpPorts[1]).CreateConnectionAsync("owner"))
        await using (var declaring = await owner.CreateChannelAsync())
        {
            await declaring.QueueDeclareAsync("moved", durable: true, exclusive: false, autoDelete: false);
        }

        await using var client = await Factory(cluster.AmqpPorts[2]).CreateConnectionAsync("client");
        await PublishConfirmedAsync(client);
        var channel = await client.CreateChannelAsync();
        await channel.BasicQosAsync(0, Prefetch, global: false);
        var held = new ConcurrentQueue<ulong>();
        var heldAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new AsyncEventingBasicConsumer(channel);
        first.ReceivedAsync += (_, delivery) =>
        {
            held.Enqueue(delivery.DeliveryTag);
            if (held.Count == Prefetch)
            {
                heldAll.TrySetResult();
            }

            return Task.CompletedTask;
        };
        first.UnregisteredAsync += (_, e) =>
        {
            cancelled.TrySetResult(e.ConsumerTags[0]);
            return Task.CompletedTask;
        };
        var tag = await channel.BasicConsumeAsync("moved", autoAck: false, first);
        await heldAll.Task.WaitAsync(s_timeout);

        var sinceKill = Stopwatch.StartNew();
        await cluster.KillAsync(1);

        Assert.Equal(tag, await cancelled.Task.WaitAsync(s_timeout));
        var cancelledAfter = sinceKill.Elapsed;
        foreach (var deliveryTag in held)
        {
            await channel.BasicAckAsync(deliveryTag, multiple: false);
        }

        var received = new ConcurrentDictionary<string, bool>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var again = new AsyncEventingBasicConsumer(channel);
        again.ReceivedAsync += async (_, delivery) =>
        {
            received.TryAdd(Encoding.UTF8.GetString(delivery.Body.Span), delivery.Redelivered);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (received.Count == Messages)
            {
                all.TrySetResult();
            }
        };
        await channel.BasicConsumeAsync("moved", autoAck: false, again);
        await all.Task.WaitAsync(s_timeout);
        output.WriteLine($"cancelled {cancelledAfter.TotalSeconds:F2} s after the kill, all {Messages} delivered again after {sinceKill.Elapsed.TotalSeconds:F2} s");

        Assert.Equal(Enumerable.Range(0, Messages).Select(Body).Order(), received.Keys.Order());
        Assert.All(Enumerable.Range(0, Prefetch).Select(Body), body => Assert.True(received[body], $"message {body}, delivered before the kill, is not flagged redelivered"));
        Assert.True(channel.IsOpen);
    }

    private static async Task PublishConfirmedAsync(IConnection connection)
    {
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var i = 0; i < Messages; i++)
        {
            await publisher.BasicPublishAsync("", "moved", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(Body(i)));
        }
    }

    private static string Body(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static ConnectionFactory Factory(int port) => new()
    {
        HostName = "127.0.0.1",
        Port = port,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    };

    public void Dispose() => _workDir.Delete(recursive: true);
}
