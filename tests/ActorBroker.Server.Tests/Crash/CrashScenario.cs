using System.Globalization;

namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// Runs the node as a child process through rounds of confirmed publishing and acked consuming, each ended by a
/// SIGKILL after a random number of confirms and deliveries, then drains the queues from a last incarnation and
/// checks the ledger. The seed is random unless ACTORBROKER_CRASH_SEED sets it; every failure names it.
/// </summary>
internal sealed class CrashScenario(ITestOutputHelper output, IReadOnlyDictionary<string, string> environment)
{
    private const int Rounds = 6;
    private const int MostEventsBeforeKill = 1200;
    private static readonly TimeSpan s_longestRound = TimeSpan.FromSeconds(5);

    // Starting the runtime, recovering the queues and binding the port takes a second, or many on a loaded machine.
    private static readonly TimeSpan s_nodeStart = TimeSpan.FromSeconds(60);

    public async Task RunAsync()
    {
        var seed = Environment.GetEnvironmentVariable("ACTORBROKER_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set ACTORBROKER_CRASH_SEED={seed} to replay the same kill points)");
        var random = new Random(seed);
        var ledger = new CrashLedger();
        var workDirectory = Directory.CreateTempSubdirectory("actorbroker-crash-");
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                // A queue left without its consumer for a round builds the backlog that later rounds recover.
                var consumed = Enumerable.Range(0, CrashRound.Queues).Where(_ => random.Next(3) > 0).ToList();
                await CrashAsync(workDirectory.FullName, ledger, round, consumed, random.Next(1, MostEventsBeforeKill), seed);
            }

            await DrainAsync(workDirectory.FullName, ledger, round: Rounds, seed);
            output.WriteLine(ledger.Summary());
            var violations = ledger.Violations();
            Assert.True(violations.Count == 0,
                $"seed {seed}: {violations.Count} violations of the delivery contract, e.g.\n{string.Join('\n', violations.Take(20))}\n{ledger.Summary()}");
            await ExpectEmptyAfterRestartAsync(workDirectory.FullName, seed);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private async Task CrashAsync(string workDirectory, CrashLedger ledger, int round, List<int> consumed, int eventsBeforeKill, int seed)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (process, port) = await StartNodeAsync(workDirectory);
        await using var node = process;
        var listening = started.Elapsed;
        var killPoint = ledger.AfterEventsAsync(eventsBeforeKill);
        await using var clients = await CrashRound.StartAsync(port, ledger, round, consumed);
        var reached = "";
        try
        {
            await Task.WhenAny(killPoint, clients.Failed).WaitAsync(s_longestRound);
        }
        catch (TimeoutException)
        {
            // A loaded machine is slow to reach the kill point: the round ends at its deadline instead.
            reached = $" (not reached within {s_longestRound.TotalSeconds} s)";
        }

        Assert.False(clients.Failed.IsCompleted, $"seed {seed}, round {round}: a client failed while the node ran: {clients.Failed.Exception}");
        clients.NodeKilled();
        await node.KillAsync();
        output.WriteLine($"round {round}: consumed queues [{string.Join(", ", consumed)}], SIGKILL after {eventsBeforeKill} confirms and deliveries{reached}; " +
            $"listening after {listening.TotalSeconds:F1} s, killed after {started.Elapsed.TotalSeconds:F1} s");
    }

    private async Task DrainAsync(string workDirectory, CrashLedger ledger, int round, int seed)
    {
        var (process, port) = await StartNodeAsync(workDirectory);
        await using var node = process;
        await using (var connection = await CrashRound.Factory(port).CreateConnectionAsync("crash drain"))
        {
            for (var queue = 0; queue < CrashRound.Queues; queue++)
            {
                await CrashConsumer.DrainAsync(connection, ledger, round, queue).WaitAsync(CrashRound.Timeout);
            }
        }

        node.SendSigterm();
        Assert.True(await node.WaitForExitAsync(CrashRound.Timeout) == 0, $"seed {seed}: the node did not stop cleanly after the drain");
    }

    /// <summary>A clean stop journals the drain's last acks: the queues stay empty across one more restart.</summary>
    private async Task ExpectEmptyAfterRestartAsync(string workDirectory, int seed)
    {
        var (process, port) = await StartNodeAsync(workDirectory);
        await using var node = process;
        await using (var connection = await CrashRound.Factory(port).CreateConnectionAsync("crash check"))
        await using (var channel = await connection.CreateChannelAsync())
        {
            for (var queue = 0; queue < CrashRound.Queues; queue++)
            {
                var declared = await channel.QueueDeclarePassiveAsync(CrashRound.QueueName(queue));
                Assert.True(declared.MessageCount == 0, $"seed {seed}: {declared.MessageCount} acked messages came back in {declared.QueueName} after a clean stop");
            }
        }

        node.SendSigterm();
        await node.WaitForExitAsync(CrashRound.Timeout);
    }

    private async Task<(NodeProcess Node, int Port)> StartNodeAsync(string workDirectory)
    {
        var node = NodeProcess.Start(workDirectory, environment);
        try
        {
            return (node, await node.WaitForAmqpPortAsync(s_nodeStart));
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }
}
