using System.Collections.Concurrent;
using System.Globalization;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Confirmed delayed messages survive SIGKILL: each round publishes persistent messages with random delays to a durable
/// x-delayed-message exchange and kills the node at a random moment; a last incarnation must deliver every confirmed id.
/// </summary>
[Trait("Category", "Crash")]
public sealed class DelayedMessageCrashTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private static readonly TimeSpan s_nodeStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_confirmed_delayed_message_arrives_after_the_node_was_killed_at_random_moments()
    {
        var seed = Environment.GetEnvironmentVariable("ACTORBROKER_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set ACTORBROKER_CRASH_SEED={seed} to replay the same kill points)");
        var random = new Random(seed);
        var confirmed = new ConcurrentDictionary<string, byte>();
        var workDirectory = Directory.CreateTempSubdirectory("actorbroker-delayed-crash-");
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                await using var node = NodeProcess.Start(workDirectory.FullName);
                var port = await node.WaitForAmqpPortAsync(s_nodeStart);
                using var stop = new CancellationTokenSource();
                var firstConfirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publishing = PublishAsync(port, round, random.Next(), confirmed, firstConfirm, stop.Token);

                // The kill comes at a random moment once publishing is under way, however long the node took to start.
                await firstConfirm.Task.WaitAsync(s_nodeStart);
                await Task.Delay(random.Next(100, 1500));
                await node.KillAsync();
                await stop.CancelAsync();
                output.WriteLine($"round {round}: SIGKILL with {confirmed.Count} confirmed so far");
                await publishing;
            }

            await using var last = NodeProcess.Start(workDirectory.FullName);
            var arrived = await DrainAsync(await last.WaitForAmqpPortAsync(s_nodeStart), [.. confirmed.Keys]);
            var missing = confirmed.Keys.Where(id => !arrived.Contains(id)).ToList();
            Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} of {confirmed.Count} confirmed delayed messages never arrived, e.g. {string.Join(", ", missing.Take(10))}");
            Assert.False(confirmed.IsEmpty, $"seed {seed}: no publish was confirmed in any round");
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private static ConnectionFactory Factory(int port) => new()
    {
        HostName = "127.0.0.1",
        Port = port,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        ContinuationTimeout = CrashRound.Timeout,
    };

    // Confirmed ids are recorded as their confirms arrive; the kill ends the loop with an error, which is expected.
    private static async Task PublishAsync(int port, int round, int seed, ConcurrentDictionary<string, byte> confirmed, TaskCompletionSource firstConfirm, CancellationToken stop)
    {
        var random = new Random(seed);
        try
        {
            await using var connection = await Factory(port).CreateConnectionAsync("delayed publisher", stop);
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stop);
            await channel.ExchangeDeclareAsync("later", "x-delayed-message", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-delayed-type"] = "fanout" }, cancellationToken: stop);
            await channel.QueueDeclareAsync("due", durable: true, exclusive: false, autoDelete: false, cancellationToken: stop);
            await channel.QueueBindAsync("due", "later", "", cancellationToken: stop);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"{round}-{n}";
                var properties = new BasicProperties { Persistent = true, MessageId = id, Headers = new Dictionary<string, object?> { ["x-delay"] = random.Next(50, 3000) } };
                await channel.BasicPublishAsync("later", "", true, properties, Encoding.UTF8.GetBytes(id), stop);
                confirmed[id] = 0;
                firstConfirm.TrySetResult();
            }
        }
        catch (Exception killed) when (killed is not OutOfMemoryException)
        {
            firstConfirm.TrySetException(killed);
        }
    }

    // Messages whose confirm the kill lost may arrive too, so the drain waits for every confirmed id, not for a count.
    private static async Task<HashSet<string>> DrainAsync(int port, HashSet<string> expected)
    {
        var arrived = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await Factory(port).CreateConnectionAsync("delayed drain");
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!expected.IsSubsetOf(arrived) && DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync("due", autoAck: true) is { } got)
            {
                arrived.Add(got.BasicProperties.MessageId!);
            }
        }

        return arrived;
    }
}
