using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ActorBroker.Testing.Postgres;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Three node processes on one shared PostgreSQL journal and a RabbitMQ.Client connection with automatic recovery,
/// given all three endpoints. The client declares a durable queue through the node it landed on, consumes it and
/// publishes to it with confirms; that node is killed with SIGKILL while it publishes. The client recovers on another
/// node by itself (topology recovery redeclares the queue and consumes again), the publisher retries what the lost
/// connection left unconfirmed, and every confirmed message reaches the consumer. It prints how long after the kill the
/// connection recovered, and the first message published after the kill was confirmed and delivered.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClientRecoveryTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private const string Queue = "recovering";
    private const int Messages = 200;
    private const int ConfirmedBeforeKill = 50;
    private const ushort Prefetch = 50;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-client-recovery-");

    [Fact]
    public async Task A_client_of_a_killed_node_recovers_on_another_node_and_gets_every_confirmed_message()
    {
        var database = await postgres.DatabaseAsync(nameof(ClientRecoveryTests));
        await using var cluster = await FailoverCluster.StartAsync(_workDir.FullName, database, nodes: 3);
        var factory = new ConnectionFactory
        {
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromMilliseconds(250),
            ContinuationTimeout = s_timeout,
        };
        var endpoints = cluster.AmqpPorts.Select(port => new AmqpTcpEndpoint("127.0.0.1", port)).ToList();
        await using var connection = await factory.CreateConnectionAsync(endpoints, "recovering client");
        var killedPort = connection.Endpoint.Port;
        var killed = Array.IndexOf(cluster.AmqpPorts, killedPort);
        var sinceKill = new Stopwatch();
        var recovered = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.RecoverySucceededAsync += (_, _) =>
        {
            recovered.TrySetResult(sinceKill.Elapsed);
            return Task.CompletedTask;
        };

        await using var consuming = await connection.CreateChannelAsync();
        await consuming.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await consuming.BasicQosAsync(0, Prefetch, global: false);
        var received = new ConcurrentDictionary<int, TimeSpan>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            received.TryAdd(int.Parse(Encoding.UTF8.GetString(delivery.Body.Span), CultureInfo.InvariantCulture), sinceKill.Elapsed);
            if (received.Count == Messages)
            {
                all.TrySetResult();
            }

            try
            {
                await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
            catch (AlreadyClosedException)
            {
                // The connection went away with the delivery: the queue's new home delivers it again.
            }
        };
        await consuming.BasicConsumeAsync(Queue, autoAck: false, consumer);

        await using var publishing = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var firstConfirmedAfterKill = TimeSpan.Zero;
        var retries = 0;
        var confirmedAfterRecovery = 0;
        for (var i = 0; i < Messages;)
        {
            if (i == ConfirmedBeforeKill && !sinceKill.IsRunning)
            {
                sinceKill.Start();
                await cluster.KillAsync(killed);
            }

            var publishedAfterRecovery = recovered.Task.IsCompleted;
            try
            {
                await publishing.BasicPublishAsync("", Queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or PublishException)
            {
                // Unconfirmed: the connection went away with it (or the node refused it while the queue moved).
                // Publish the same message again once the client has reconnected: at least once, never lost.
                retries++;
                await recovered.Task.WaitAsync(s_timeout);
                continue;
            }

            if (i == ConfirmedBeforeKill)
            {
                firstConfirmedAfterKill = sinceKill.Elapsed;
            }

            confirmedAfterRecovery += publishedAfterRecovery ? 1 : 0;
            i++;
        }

        await all.Task.WaitAsync(s_timeout);
        var recoveredAfter = await recovered.Task;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node {killed} killed (0 is the oldest); recovered {recoveredAfter.TotalSeconds:F2} s after the kill; the first message published after it confirmed after {firstConfirmedAfterKill.TotalSeconds:F2} s, delivered after {received[ConfirmedBeforeKill].TotalSeconds:F2} s ({retries} publishes retried)"));

        Assert.True(connection.IsOpen);
        Assert.NotEqual(killedPort, connection.Endpoint.Port);
        Assert.Contains(connection.Endpoint.Port, cluster.AmqpPorts);
        Assert.Equal(Enumerable.Range(0, Messages), received.Keys.Order());
        Assert.True(confirmedAfterRecovery > 0, "no message was published after the recovery");
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
