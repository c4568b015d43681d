using System.Collections.Concurrent;
using System.Globalization;
using RabbitMQ.Client.Events;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Exactly-once publishing into a deduplicating queue across SIGKILL: each round a publisher sends every id not yet
/// confirmed (each id always with the same x-deduplication-header), and the node is killed at a random moment, so
/// messages whose confirm the kill lost are sent again. A last incarnation publishes what is left; then the queue
/// must hold every id exactly once. ACTORBROKER_DEDUP_CRASH_IDS and ACTORBROKER_DEDUP_CRASH_ROUNDS make it longer.
/// </summary>
[Trait("Category", "Crash")]
public sealed class DeduplicationCrashTests(ITestOutputHelper output)
{
    private const string Queue = "exactly-once";
    private const int Window = 256;
    private static readonly TimeSpan s_nodeStart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_publisher_retrying_everything_unconfirmed_leaves_each_id_exactly_once_after_kills_at_random_moments()
    {
        var ids = Setting("ACTORBROKER_DEDUP_CRASH_IDS", 20_000);
        var rounds = Setting("ACTORBROKER_DEDUP_CRASH_ROUNDS", 3);
        var seed = Setting("ACTORBROKER_CRASH_SEED", Random.Shared.Next());
        output.WriteLine($"seed {seed} (set ACTORBROKER_CRASH_SEED={seed} to replay the same kill points)");
        var random = new Random(seed);
        var confirmed = new ConcurrentDictionary<int, byte>();
        var workDirectory = Directory.CreateTempSubdirectory("actorbroker-dedup-crash-");
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                await using var node = NodeProcess.Start(workDirectory.FullName);
                var port = await node.WaitForAmqpPortAsync(s_nodeStart);
                var firstConfirm = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sent = 0;
                var publishing = PublishUnconfirmedAsync(port, ids, confirmed, firstConfirm, n => Interlocked.Exchange(ref sent, n));

                // The kill comes at a random moment once publishing is under way, however long the node took to start.
                await Task.WhenAny(firstConfirm.Task, publishing).WaitAsync(s_nodeStart);
                await Task.Delay(random.Next(50, 1500));
                await node.KillAsync();
                await publishing;
                output.WriteLine($"round {round}: SIGKILL with {confirmed.Count} of {ids} confirmed, {Volatile.Read(ref sent)} sent this round");
            }

            await using var last = NodeProcess.Start(workDirectory.FullName);
            var lastPort = await last.WaitForAmqpPortAsync(s_nodeStart);
            await PublishUnconfirmedAsync(lastPort, ids, confirmed, new TaskCompletionSource(), _ => { });
            Assert.Equal(ids, confirmed.Count);

            var copies = await DrainAsync(lastPort);
            var twice = copies.Where(c => c.Value > 1).Select(c => c.Key).Order().ToList();
            var missing = Enumerable.Range(0, ids).Where(id => !copies.ContainsKey(id)).ToList();
            Assert.True(twice.Count == 0, $"seed {seed}: {twice.Count} ids were enqueued more than once, e.g. {string.Join(", ", twice.Take(10))}");
            Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} confirmed ids are missing, e.g. {string.Join(", ", missing.Take(10))}");
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// Publishes each id not yet confirmed, up to <see cref="Window"/> unconfirmed at a time, until all are sent and
    /// settled or the connection dies (the kill ends it; that is expected). Confirms are matched by publish sequence
    /// number; a nacked id stays unconfirmed and goes again in the next round.
    /// </summary>
    private static async Task PublishUnconfirmedAsync(int port, int ids, ConcurrentDictionary<int, byte> confirmed, TaskCompletionSource firstConfirm, Action<int> progress)
    {
        var unconfirmed = new SortedDictionary<ulong, int>();
        using var window = new SemaphoreSlim(Window);
        using var closed = new CancellationTokenSource();
        try
        {
            await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("deduplicating publisher");
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false));
            channel.ChannelShutdownAsync += (_, _) => closed.CancelAsync();
            channel.BasicAcksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, ack: true);
            channel.BasicNacksAsync += (_, e) => Settle(e.DeliveryTag, e.Multiple, ack: false);
            var arguments = new Dictionary<string, object?> { ["x-message-deduplication"] = true, ["x-cache-size"] = ids * 2 };
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: closed.Token);
            var sent = 0;
            foreach (var id in Enumerable.Range(0, ids).Where(id => !confirmed.ContainsKey(id)).ToList())
            {
                await window.WaitAsync(closed.Token);
                var number = await channel.GetNextPublishSequenceNumberAsync(closed.Token);
                lock (unconfirmed)
                {
                    unconfirmed[number] = id;
                }

                var text = id.ToString(CultureInfo.InvariantCulture);
                var properties = new BasicProperties { Persistent = true, MessageId = text, Headers = new Dictionary<string, object?> { ["x-deduplication-header"] = text } };
                await channel.BasicPublishAsync("", Queue, mandatory: false, properties, Encoding.UTF8.GetBytes(text), closed.Token);
                progress(++sent);
            }

            for (var i = 0; i < Window; i++)
            {
                await window.WaitAsync(closed.Token);
            }
        }
        catch (Exception killed) when (killed is not OutOfMemoryException)
        {
            firstConfirm.TrySetException(killed);
        }

        Task Settle(ulong tag, bool multiple, bool ack)
        {
            var settled = new List<int>();
            lock (unconfirmed)
            {
                foreach (var number in unconfirmed.Keys.TakeWhile(n => n <= tag).Where(n => multiple || n == tag).ToList())
                {
                    settled.Add(unconfirmed[number]);
                    unconfirmed.Remove(number);
                }
            }

            foreach (var id in settled)
            {
                if (ack)
                {
                    confirmed[id] = 0;
                    firstConfirm.TrySetResult();
                }

                window.Release();
            }

            return Task.CompletedTask;
        }
    }

    private static async Task<Dictionary<int, int>> DrainAsync(int port)
    {
        var copies = new Dictionary<int, int>();
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("drain");
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(Queue, autoAck: true) is { } got)
        {
            var id = int.Parse(Encoding.UTF8.GetString(got.Body.Span), CultureInfo.InvariantCulture);
            copies[id] = copies.GetValueOrDefault(id) + 1;
        }

        return copies;
    }
}
