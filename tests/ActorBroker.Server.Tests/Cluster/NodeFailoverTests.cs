using System.Diagnostics;
using System.Globalization;
using ActorBroker.Server.Tests.Crash;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Testing.Postgres;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Three node processes on one shared PostgreSQL journal. The node owning busy durable queues is killed with SIGKILL
/// under confirmed load from clients on another node; the survivors adopt its queues from the journal (the shard
/// coordinator spreads them over the survivors), and the crash ledger checks every confirmed message delivered, no acked
/// message delivered again, every redelivery flagged. Each kill also measures the failover time: from the kill to the
/// first message published after it that is confirmed and then fetched from a queue that lived on the killed node. The
/// suite runs one kill; the long version (ACTORBROKER_FAILOVER_KILLS=10, see docs/decisions/cluster.md) kills the probe
/// queue's node again and again, restarting each killed node, and prints the median and max. A clean leave (SIGTERM) hands a queue of confirmed messages over, all
/// delivered in order, and measures the rebalance pause: the longest gap between two probes served through a surviving
/// node around the leave (<see cref="ServedProbes"/>); ACTORBROKER_FAILOVER_LEAVES=10 makes the owner leave again and
/// again and prints the median and max. ACTORBROKER_NODE_LOGS=folder keeps the nodes' logs, to read where the time goes.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class NodeFailoverTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>, IDisposable
{
    private const int Nodes = 3;
    private const string Probe = "failover-probe";
    private const string Handed = "failover-handed";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_drain = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan s_getAttempt = TimeSpan.FromSeconds(1);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-failover-");

    [Fact]
    public async Task Durable_queues_of_a_node_killed_under_confirmed_load_are_served_by_the_others_with_nothing_confirmed_lost()
    {
        var kills = int.Parse(Environment.GetEnvironmentVariable("ACTORBROKER_FAILOVER_KILLS") ?? "1", CultureInfo.InvariantCulture);
        var database = await postgres.DatabaseAsync(nameof(NodeFailoverTests));
        await using var cluster = await FailoverCluster.StartAsync(_workDir.FullName, database, Nodes);
        // Nodes in the order they joined: the oldest hosts the singletons (shard coordinator, topology writer).
        var age = Enumerable.Range(0, Nodes).ToList();
        var owner = 1;
        await DeclareQueuesAsync(cluster.AmqpPorts[owner]);
        var ledger = new CrashLedger();
        var failovers = new List<TimeSpan>();
        for (var round = 0; round < kills; round++)
        {
            var clientNode = age.First(n => n != owner);
            var adoptedBefore = age.Where(n => n != owner).ToDictionary(n => n, n => ProbeAdoptions(cluster.Node(n)));
            await using (var clients = await CrashRound.StartAsync(cluster.AmqpPorts[clientNode], ledger, round, Enumerable.Range(0, CrashRound.Queues)))
            {
                await Task.WhenAny(ledger.AfterEventsAsync(400), clients.Failed).WaitAsync(s_timeout);
                Assert.False(clients.Failed.IsCompleted, $"round {round}: a client failed before the kill: {clients.Failed.Exception}");
                clients.NodeKilled();
                output.WriteLine($"round {round}: SIGKILL to node {owner}{(owner == age[0] ? " (the oldest)" : "")} at {DateTime.UtcNow:HH:mm:ss.fff} UTC");
                var killed = Stopwatch.StartNew();
                await cluster.KillAsync(owner);
                failovers.Add(await FirstConfirmedAndDeliveredAsync(cluster.AmqpPorts[clientNode], killed));
            }

            var adopter = await ProbeAdopterAsync(cluster, adoptedBefore, round);
            output.WriteLine($"round {round}: killed node {owner}, served again after {failovers[^1].TotalSeconds:F2} s by node {adopter}; {ledger.Summary()}");
            age.Remove(owner);
            var lost = owner;
            owner = adopter;
            if (round + 1 < kills)
            {
                await cluster.StartNodeAsync(lost);
                age.Add(lost);
            }
        }

        // The producers go on through the failover (the lost node's confirms are refused at once, not after 30 s), so the
        // backlog can be tens of thousands of messages, fetched one basic.get at a time: the queues drain side by side,
        // with a bound of their own.
        await using (var connection = await CrashRound.Factory(cluster.AmqpPorts[owner]).CreateConnectionAsync("failover drain"))
        {
            await Task.WhenAll(Enumerable.Range(0, CrashRound.Queues).Select(queue => DrainAdoptedAsync(connection, ledger, kills, queue)))
                .WaitAsync(s_drain);
        }

        var sorted = failovers.Order().ToList();
        output.WriteLine($"failover over {kills} kills: median {sorted[sorted.Count / 2].TotalSeconds:F2} s, max {sorted[^1].TotalSeconds:F2} s");
        output.WriteLine($"after the drain: {ledger.Summary()}");
        var violations = ledger.Violations();
        Assert.True(violations.Count == 0, $"{violations.Count} violations of the delivery contract, e.g.\n{string.Join('\n', violations.Take(20))}\n{ledger.Summary()}");
    }

    [Fact]
    public async Task A_node_that_leaves_cleanly_hands_its_durable_queues_over_with_every_message()
    {
        const int Messages = 200;
        var leaves = int.Parse(Environment.GetEnvironmentVariable("ACTORBROKER_FAILOVER_LEAVES") ?? "1", CultureInfo.InvariantCulture);
        var database = await postgres.DatabaseAsync(nameof(A_node_that_leaves_cleanly_hands_its_durable_queues_over_with_every_message));
        await using var cluster = await FailoverCluster.StartAsync(_workDir.FullName, database, Nodes);
        var age = Enumerable.Range(0, Nodes).ToList();
        // The oldest first: it also hosts sharding's coordinator, which hands the shards over while the node leaves.
        var owner = 0;
        await DeclareQueuesAsync(cluster.AmqpPorts[owner]);
        var pauses = new List<TimeSpan>();
        for (var round = 0; round < leaves; round++)
        {
            var clientNode = age.First(n => n != owner);
            var adoptedBefore = age.Where(n => n != owner).ToDictionary(n => n, n => ProbeAdoptions(cluster.Node(n)));
            await PublishConfirmedAsync(cluster.AmqpPorts[clientNode], Handed, Messages);

            // The probes flow before the SIGTERM, through the leave, and until one is served a second after the node
            // exited; the pause is the longest gap between two served probes from half a second before the SIGTERM.
            await using (var probes = ServedProbes.Start(cluster.AmqpPorts[clientNode], Probe))
            {
                await probes.ServedAfterAsync(TimeSpan.Zero, s_timeout);
                var sigterm = probes.Clock.Elapsed;
                var utc = DateTime.UtcNow;
                await cluster.StopAsync(owner);
                var exited = probes.Clock.Elapsed;
                await probes.ServedAfterAsync(exited + TimeSpan.FromSeconds(1), s_timeout);
                var (gap, start) = probes.LongestGap(sigterm - TimeSpan.FromSeconds(0.5));
                pauses.Add(gap);
                output.WriteLine($"round {round}: SIGTERM to node {owner} at {utc:HH:mm:ss.fff} UTC, exited after {(exited - sigterm).TotalSeconds:F2} s; "
                    + $"longest gap between served probes {gap.TotalSeconds:F2} s, from {(start - sigterm).TotalSeconds:F2} s after the SIGTERM; {probes.RefusedGets} gets refused or unanswered");
            }

            // Another node has adopted the queues; the client's node routes to them there.
            Assert.Equal(Enumerable.Range(0, Messages), await GetAllAsync(cluster.AmqpPorts[clientNode], Handed, Messages));
            age.Remove(owner);
            var gone = owner;
            owner = await ProbeAdopterAsync(cluster, adoptedBefore, round);
            if (round + 1 < leaves)
            {
                await cluster.StartNodeAsync(gone);
                age.Add(gone);
            }
        }

        var sorted = pauses.Order().ToList();
        output.WriteLine($"rebalance pause over {leaves} clean leaves: median {sorted[sorted.Count / 2].TotalSeconds:F2} s, max {sorted[^1].TotalSeconds:F2} s");
    }

    private static async Task PublishConfirmedAsync(int port, string queue, int messages)
    {
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("leave publisher");
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var i = 0; i < messages; i++)
        {
            await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Gets <paramref name="messages"/> messages (or what arrives within the timeout) from <paramref name="queue"/> through <paramref name="port"/>'s node, in order.</summary>
    private static async Task<List<int>> GetAllAsync(int port, string queue, int messages)
    {
        await using var consuming = await CrashRound.Factory(port).CreateConnectionAsync("leave consumer");
        var getter = await consuming.CreateChannelAsync();
        var received = new List<int>();
        var deadline = Stopwatch.StartNew();
        try
        {
            while (received.Count < messages && deadline.Elapsed < s_timeout)
            {
                try
                {
                    if (await getter.BasicGetAsync(queue, autoAck: true) is { } got)
                    {
                        received.Add(int.Parse(Encoding.UTF8.GetString(got.Body.Span), CultureInfo.InvariantCulture));
                    }
                }
                catch (OperationInterruptedException)
                {
                    // A get that reached the queue while it moved closes the channel: ask again on a new one.
                    await getter.DisposeAsync();
                    getter = await consuming.CreateChannelAsync();
                }
            }
        }
        finally
        {
            await getter.DisposeAsync();
        }

        return received;
    }

    /// <summary>
    /// Drains a crash queue on the adopter. The probe may be served again before every queue of the killed node is
    /// adopted: a get that reaches the lost actor meanwhile closes its channel with 404, and the drain goes on on a new one.
    /// </summary>
    private static async Task DrainAdoptedAsync(IConnection connection, CrashLedger ledger, int round, int queue)
    {
        while (true)
        {
            try
            {
                await CrashConsumer.DrainAsync(connection, ledger, round, queue);
                return;
            }
            catch (OperationInterruptedException error) when (error.ShutdownReason?.ReplyCode == 404)
            {
            }
        }
    }

    /// <summary>
    /// The node that adopted the probe queue since <paramref name="adoptedBefore"/> was counted: the next kill or leave goes
    /// to it, since the coordinator gives a lost node's shards to the member with the fewest, not to the oldest, and a
    /// round whose node does not hold the probe measures no pause.
    /// </summary>
    private static async Task<int> ProbeAdopterAsync(FailoverCluster cluster, Dictionary<int, int> adoptedBefore, int round)
    {
        var adopter = -1;
        await Eventually.HoldsAsync(
            () => Task.FromResult((adopter = adoptedBefore.Keys.FirstOrDefault(n => ProbeAdoptions(cluster.Node(n)) > adoptedBefore[n], -1)) >= 0),
            $"round {round}: a node logging its adoption of {Probe}", s_timeout);
        return adopter;
    }

    /// <summary>How often <paramref name="node"/> logged that it adopted the probe queue.</summary>
    private static int ProbeAdoptions(NodeProcess node) => node.Output.Count(line => line.Contains($"adopted durable queue '{Probe}'", StringComparison.Ordinal));

    /// <summary>Declares the crash queues, the probe queue and the queue a clean leave hands over on <paramref name="port"/>'s node, which then owns them.</summary>
    private static async Task DeclareQueuesAsync(int port)
    {
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("failover declare");
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in Enumerable.Range(0, CrashRound.Queues).Select(CrashRound.QueueName).Append(Probe).Append(Handed))
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        }
    }

    /// <summary>
    /// Publishes a persistent probe every 20 ms from <paramref name="port"/>'s node, each waiting for its own confirm
    /// (those sent to the lost queue are nacked or never confirmed), until one is confirmed; then fetches it. Returns
    /// the time from the kill (or the SIGTERM) until it was fetched.
    /// </summary>
    private async Task<TimeSpan> FirstConfirmedAndDeliveredAsync(int port, Stopwatch sinceKill)
    {
        await using var connection = await CrashRound.Factory(port).CreateConnectionAsync("failover probe");
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var pending = new List<Task<string?>>();
        string? confirmed = null;
        for (var sequence = 0; confirmed is null; sequence++)
        {
            Assert.True(sinceKill.Elapsed < s_timeout, $"no probe was confirmed within {s_timeout.TotalSeconds} s of the kill");
            pending.Add(PublishProbeAsync(publisher, sequence.ToString(CultureInfo.InvariantCulture)));
            pending.RemoveAll(p => p.IsCompleted && !(p.IsCompletedSuccessfully && p.Result is not null));
            // A fixed pace: ending the wait when a probe finished flooded the nodes with thousands of probes a second
            // once the lost queue's publishes were refused at once (probe 19,677 was the first confirmed after 3 s).
            await Task.Delay(20);
            confirmed = pending.FirstOrDefault(p => p.IsCompletedSuccessfully && p.Result is not null)?.Result;
        }

        output.WriteLine($"  probe {confirmed} confirmed after {sinceKill.Elapsed.TotalSeconds:F2} s");

        while (true)
        {
            var (served, fetched) = await TryFetchAsync(port, confirmed, sinceKill);
            if (fetched)
            {
                return served;
            }

            output.WriteLine($"  a get went unanswered, asking again after {sinceKill.Elapsed.TotalSeconds:F2} s");
        }
    }

    /// <summary>
    /// Gets from the probe queue on a connection of its own until <paramref name="confirmed"/> arrives (true, with the
    /// time since the kill) or a get goes unanswered for <see cref="s_getAttempt"/> or is refused (false): a get that
    /// reaches the killed node's queue before it is known dead goes unanswered until it is, then is refused with 404.
    /// </summary>
    private static async Task<(TimeSpan Served, bool Fetched)> TryFetchAsync(int port, string confirmed, Stopwatch sinceKill)
    {
        var connection = await CrashRound.Factory(port).CreateConnectionAsync("failover probe getter");
        var answered = false;
        try
        {
            var getter = await connection.CreateChannelAsync();
            while (true)
            {
                Assert.True(sinceKill.Elapsed < s_timeout, $"probe {confirmed} was confirmed but not delivered within {s_timeout.TotalSeconds} s of the kill");
                // Not a cancellation token: RabbitMQ.Client waits for the reply of a get once it is sent. Manual acks:
                // a probe that a given-up get took goes back to the queue when that connection closes.
                var got = await getter.BasicGetAsync(Probe, autoAck: false).WaitAsync(s_getAttempt);
                if (got is null)
                {
                    continue;
                }

                await getter.BasicAckAsync(got.DeliveryTag, multiple: false);
                if (Encoding.UTF8.GetString(got.Body.Span) == confirmed)
                {
                    var served = sinceKill.Elapsed;
                    await getter.QueuePurgeAsync(Probe);
                    answered = true;
                    return (served, true);
                }
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationInterruptedException or AlreadyClosedException)
        {
            return (TimeSpan.Zero, false);
        }
        finally
        {
            if (answered)
            {
                await connection.DisposeAsync();
            }
            else
            {
                // Closing waits for the unanswered get (up to the broker's timeout): this one closes in the background.
                _ = connection.DisposeAsync().AsTask();
            }
        }
    }

    private static async Task<string?> PublishProbeAsync(IChannel channel, string body)
    {
        try
        {
            await channel.BasicPublishAsync("", Probe, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body));
            return body;
        }
        catch (PublishException)
        {
            return null;
        }
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
