using System.Globalization;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// A transaction that only publishes is all-or-nothing across SIGKILL: a publisher commits batches of messages, one
/// transaction per batch, and the node is killed at random moments. In the end every batch whose commit was answered
/// is there whole, and no batch is there in part. The queue deduplicates by message id, so a batch recovery forwards
/// again (its commit record outlived the crash, its forwarding did not) does not count twice.
/// </summary>
[Trait("Category", "Crash")]
public sealed class PublishOnlyTransactionCrashTests(ITestOutputHelper output)
{
    private const string Queue = "tx-batches";
    private const int BatchSize = 5;
    private const int Rounds = 3;
    private static readonly TimeSpan s_nodeStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_batch_committed_in_one_transaction_is_there_whole_or_not_at_all_after_kills_at_random_moments()
    {
        var seed = Environment.GetEnvironmentVariable("ACTORBROKER_CRASH_SEED") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set ACTORBROKER_CRASH_SEED={seed} to replay the same kill points)");
        var random = new Random(seed);
        var committed = new HashSet<int>();
        var nextBatch = 0;
        var workDirectory = Directory.CreateTempSubdirectory("actorbroker-tx-publish-crash-");
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                await using var node = NodeProcess.Start(workDirectory.FullName);
                var port = await node.WaitForAmqpPortAsync(s_nodeStart);
                var firstCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var publishing = PublishBatchesAsync(port, nextBatch, committed, firstCommit);
                await Task.WhenAny(firstCommit.Task, publishing).WaitAsync(s_nodeStart);
                await Task.Delay(random.Next(50, 1500));
                await node.KillAsync();
                nextBatch = await publishing;
                output.WriteLine($"round {round}: SIGKILL after batch {nextBatch}, {committed.Count} batches committed so far");
            }

            await using var last = NodeProcess.Start(workDirectory.FullName);
            var ids = await DrainAsync(await last.WaitForAmqpPortAsync(s_nodeStart), seed);
            var byBatch = ids.GroupBy(id => id.Batch).ToDictionary(g => g.Key, g => g.Count());
            var lost = committed.Where(batch => byBatch.GetValueOrDefault(batch) != BatchSize).Order().ToList();
            Assert.True(lost.Count == 0, $"seed {seed}: {lost.Count} committed batches are not whole, e.g. {string.Join(", ", lost.Take(10))}");
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Commits batches from <paramref name="first"/> on until the node is killed; returns the next batch number.</summary>
    private static async Task<int> PublishBatchesAsync(int port, int first, HashSet<int> committed, TaskCompletionSource firstCommit)
    {
        var batch = first;
        try
        {
            await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("batches");
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-message-deduplication"] = true, ["x-cache-size"] = 1_000_000 });
            await channel.TxSelectAsync();
            while (true)
            {
                for (var i = 0; i < BatchSize; i++)
                {
                    var id = $"{batch}:{i}";
                    var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["x-deduplication-header"] = id } };
                    await channel.BasicPublishAsync("", Queue, mandatory: false, properties, Encoding.UTF8.GetBytes(id));
                }

                await channel.TxCommitAsync();
                committed.Add(batch);
                firstCommit.TrySetResult();
                batch++;
            }
        }
        catch (Exception killed) when (killed is not OutOfMemoryException)
        {
            firstCommit.TrySetException(killed);
            // The batch whose commit was cut off may or may not have committed: the next round starts after it.
            return batch + 1;
        }
    }

    /// <summary>
    /// Takes every message. The node admits clients only once the commits its queues recovered are forwarded, so what
    /// the queue holds then is final: a batch missing or in part is a lost commit, not one still on its way.
    /// </summary>
    private static async Task<List<(int Batch, int Index)>> DrainAsync(int port, int seed)
    {
        var ids = new HashSet<(int Batch, int Index)>();
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("drain");
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(Queue, autoAck: true) is { } got)
        {
            var parts = Encoding.UTF8.GetString(got.Body.Span).Split(':');
            Assert.True(ids.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture))), $"seed {seed}: {parts[0]}:{parts[1]} arrived twice");
        }

        var partial = ids.GroupBy(id => id.Batch).Where(g => g.Count() != BatchSize).Select(g => g.Key).ToList();
        Assert.True(partial.Count == 0, $"seed {seed}: {partial.Count} batches are there in part, e.g. {string.Join(", ", partial.Take(10))}");
        return [.. ids];
    }
}
