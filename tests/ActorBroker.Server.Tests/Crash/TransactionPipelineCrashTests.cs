using System.Globalization;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Exactly-once consume–transform–produce across SIGKILL: a worker takes each input from a durable queue and, in one
/// AMQP transaction, publishes its output and acks it; the node is killed at random moments. With two input queues
/// the inputs are spread over both and each transaction takes one of each (acks in two queues' journals, the
/// decision in one of them). The output queue
/// deduplicates and each output carries its input's id as x-deduplication-header, as docs/decisions/exactly-once.md
/// asks. After every kill, each input must be either still waiting or transformed, never both (the inputs left and
/// the outputs add up to all inputs once recovery has forwarded what was committed); in the end the outputs must equal
/// the inputs, each exactly once. ACTORBROKER_TX_CRASH_INPUTS and
/// ACTORBROKER_TX_CRASH_ROUNDS make it longer.
/// </summary>
[Trait("Category", "Crash")]
public sealed class TransactionPipelineCrashTests(ITestOutputHelper output)
{
    private const string Input = "tx-input";
    private const string OtherInput = "tx-input-2";
    private const string Output = "tx-output";
    private static readonly TimeSpan s_nodeStart = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_transactional_pipeline_over_one_or_two_input_queues_ends_with_every_input_transformed_exactly_once_after_kills_at_random_moments(int inputQueues)
    {
        var inputs = Setting("ACTORBROKER_TX_CRASH_INPUTS", 1_000);
        var rounds = Setting("ACTORBROKER_TX_CRASH_ROUNDS", 3);
        var seed = Setting("ACTORBROKER_CRASH_SEED", Random.Shared.Next());
        output.WriteLine($"seed {seed} (set ACTORBROKER_CRASH_SEED={seed} to replay the same kill points)");
        var random = new Random(seed);
        var workDirectory = Directory.CreateTempSubdirectory("actorbroker-tx-crash-");
        try
        {
            await using (var first = NodeProcess.Start(workDirectory.FullName))
            {
                await PublishInputsAsync(await first.WaitForAmqpPortAsync(s_nodeStart), inputs, inputQueues);
            }

            for (var round = 0; round < rounds; round++)
            {
                await using var node = NodeProcess.Start(workDirectory.FullName);
                var port = await node.WaitForAmqpPortAsync(s_nodeStart);
                await AssertEachInputInOnePlaceAsync(port, inputs, seed);
                var firstCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var committed = 0;
                var working = TransformAsync(port, inputQueues, firstCommit, () => Interlocked.Increment(ref committed));

                // The kill comes at a random moment once the worker commits, however long the node took to start.
                await Task.WhenAny(firstCommit.Task, working).WaitAsync(s_nodeStart);
                await Task.Delay(random.Next(50, 1500));
                await node.KillAsync();
                await working;
                output.WriteLine($"round {round}: SIGKILL after {Volatile.Read(ref committed)} commits this round");
            }

            await using var last = NodeProcess.Start(workDirectory.FullName);
            var lastPort = await last.WaitForAmqpPortAsync(s_nodeStart);
            await AssertEachInputInOnePlaceAsync(lastPort, inputs, seed);
            await TransformAsync(lastPort, inputQueues, new TaskCompletionSource(), () => 0);

            var copies = await DrainAsync(lastPort);
            var twice = copies.Where(c => c.Value > 1).Select(c => c.Key).Order().ToList();
            var missing = Enumerable.Range(0, inputs).Where(id => !copies.ContainsKey(id)).ToList();
            Assert.True(twice.Count == 0, $"seed {seed}: {twice.Count} outputs arrived more than once, e.g. {string.Join(", ", twice.Take(10))}");
            Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} inputs have no output, e.g. {string.Join(", ", missing.Take(10))}");
            Assert.Equal(inputs, copies.Count);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private static int Setting(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// A commit that was only half applied would leave an input waiting beside its output: then the counts add up to
    /// more than the inputs. Recovery forwards committed outputs a moment after the input queue recovered, so the
    /// sum may be short for a while, never over.
    /// </summary>
    private static async Task AssertEachInputInOnePlaceAsync(int port, int inputs, int seed)
    {
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("counts");
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + CrashRound.Timeout;
        while (true)
        {
            var waiting = (await channel.QueueDeclarePassiveAsync(Input)).MessageCount + (await channel.QueueDeclarePassiveAsync(OtherInput)).MessageCount;
            var transformed = (await channel.QueueDeclarePassiveAsync(Output)).MessageCount;
            Assert.True(waiting + transformed <= inputs, $"seed {seed}: {waiting} inputs wait and {transformed} outputs exist, more than the {inputs} inputs");
            if (waiting + transformed == inputs)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"seed {seed}: {waiting} inputs wait and {transformed} outputs exist, fewer than the {inputs} inputs");
            await Task.Delay(100);
        }
    }

    /// <summary>With two input queues, the even ids go to the first and the odd ones to the second.</summary>
    private static async Task PublishInputsAsync(int port, int inputs, int inputQueues)
    {
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("inputs");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(Input, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(OtherInput, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(Output, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-message-deduplication"] = true, ["x-cache-size"] = inputs * 2 });
        for (var id = 0; id < inputs; id++)
        {
            var queue = inputQueues == 2 && id % 2 == 1 ? OtherInput : Input;
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// Takes inputs (one from each input queue) and commits them with their outputs until the input queues are empty
    /// or the node is killed (the kill ends it with an error, which is expected). An output's id is its input's, so a
    /// retried transform of the same input is a duplicate at the output queue.
    /// </summary>
    private static async Task TransformAsync(int port, int inputQueues, TaskCompletionSource firstCommit, Func<int> committed)
    {
        try
        {
            await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("worker");
            await using var channel = await connection.CreateChannelAsync();
            await channel.TxSelectAsync();
            string[] queues = inputQueues == 2 ? [Input, OtherInput] : [Input];
            while (true)
            {
                var taken = 0;
                foreach (var queue in queues)
                {
                    if (await channel.BasicGetAsync(queue, autoAck: false) is not { } input)
                    {
                        continue;
                    }

                    var id = Encoding.UTF8.GetString(input.Body.Span);
                    var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["x-deduplication-header"] = id } };
                    await channel.BasicPublishAsync("", Output, mandatory: false, properties, Encoding.UTF8.GetBytes(id));
                    await channel.BasicAckAsync(input.DeliveryTag, multiple: false);
                    taken++;
                }

                if (taken == 0)
                {
                    return;
                }

                await channel.TxCommitAsync();
                committed();
                firstCommit.TrySetResult();
            }
        }
        catch (Exception killed) when (killed is not OutOfMemoryException)
        {
            firstCommit.TrySetException(killed);
        }
    }

    private static async Task<Dictionary<int, int>> DrainAsync(int port)
    {
        var copies = new Dictionary<int, int>();
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("drain");
        await using var channel = await connection.CreateChannelAsync();
        while (await channel.BasicGetAsync(Output, autoAck: true) is { } got)
        {
            var id = int.Parse(Encoding.UTF8.GetString(got.Body.Span), CultureInfo.InvariantCulture);
            copies[id] = copies.GetValueOrDefault(id) + 1;
        }

        return copies;
    }
}
