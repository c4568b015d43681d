using System.Globalization;
using System.Net.Http.Headers;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Crash;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Every node of a cluster on one shared PostgreSQL journal stopped or killed, then started again: what was declared
/// durable and every confirmed message of a durable queue is there, also what only a node that never returns declared,
/// each queue is served by exactly one node, and what was deleted while a node was away stays deleted.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class FullRestartTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private const int Messages = 100;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-full-restart-");

    [Fact]
    public async Task A_queue_adopted_from_a_node_that_never_returns_and_a_binding_made_on_another_node_survive_two_nodes_restarted_at_once_and_a_deletion_made_while_one_was_away_holds()
    {
        var database = await postgres.DatabaseAsync(nameof(FullRestartTests));
        await using var cluster = await FailoverCluster.StartAsync(_workDir.FullName, database, nodes: 3);
        await WaitForMembersUpAsync(cluster, [0, 1, 2]);

        // Node 2 declares "orphan" and holds its confirmed messages; node 1 binds node 0's queue "bound".
        await using (var onNode2 = await CrashRound.Factory(cluster.AmqpPorts[2]).CreateConnectionAsync("declarer"))
        await using (var channel = await onNode2.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("orphan", durable: true, exclusive: false, autoDelete: false);
            for (var i = 0; i < Messages; i++)
            {
                await channel.BasicPublishAsync("", "orphan", mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        await using (var onNode0 = await CrashRound.Factory(cluster.AmqpPorts[0]).CreateConnectionAsync("declarer"))
        await using (var channel = await onNode0.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("bound", durable: true, exclusive: false, autoDelete: false);
        }

        await using (var onNode1 = await CrashRound.Factory(cluster.AmqpPorts[1]).CreateConnectionAsync("binder"))
        await using (var channel = await onNode1.CreateChannelAsync())
        {
            await channel.ExchangeDeclareAsync("events", ExchangeType.Direct, durable: true);
            await channel.QueueBindAsync("bound", "events", "created");
            await channel.ExchangeDeclareAsync("retired", ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync("retired", durable: true, exclusive: false, autoDelete: false);
        }

        // Node 2 is killed and never comes back: the shard coordinator moves its queue to node 0 or node 1.
        await cluster.KillAsync(2);
        await WaitForLineOnAnyAsync(cluster, [0, 1], "adopted durable queue 'orphan'");

        // While node 1 is away, node 0 deletes what node 1 declared: node 1 comes back without it.
        await cluster.StopAsync(1);
        await cluster.Node(0).WaitForLineAsync("adopted durable queue 'retired'", s_timeout);
        await using (var onNode0 = await CrashRound.Factory(cluster.AmqpPorts[0]).CreateConnectionAsync("deleter"))
        await using (var channel = await onNode0.CreateChannelAsync())
        {
            await channel.ExchangeDeleteAsync("retired");
            await channel.QueueDeleteAsync("retired");
        }

        await cluster.StartNodeAsync(1);
        await WaitForMembersUpAsync(cluster, [0, 1]);
        await cluster.StopAsync(1);
        await cluster.KillAsync(0);

        await Task.WhenAll(cluster.StartNodeAsync(0), cluster.StartNodeAsync(1));
        await WaitForMembersUpAsync(cluster, [0, 1]);

        // Both nodes know the same queues and exchanges, and route each queue to the one node that holds it.
        var seen = new List<QueueResource>();
        foreach (var node in new[] { 0, 1 })
        {
            using var api = Api(cluster, node);
            var queues = (await api.GetAsync<PagedList<QueueResource>>("/api/queues/%2F?page_size=100")).Items;
            Assert.Equal(["bound", "orphan"], queues.Select(q => q.Name).Order());
            Assert.Equal(["events"], (await api.GetAsync<List<ExchangeResource>>("/api/exchanges")).Select(e => e.Name).Where(name => !name.StartsWith("amq.", StringComparison.Ordinal) && name.Length > 0));
            seen.AddRange(queues);
        }

        Assert.All(seen.GroupBy(q => q.Name), copies => Assert.Single(copies.Select(q => q.Node).Distinct()));
        Assert.All(seen, q => Assert.NotNull(q.Node));

        await using var consuming = await CrashRound.Factory(cluster.AmqpPorts[1]).CreateConnectionAsync("after restart");
        await using (var publisher = await consuming.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            // Mandatory with confirm tracking: an unroutable publish (the binding lost) throws.
            await publisher.BasicPublishAsync("events", "created", mandatory: true, new BasicProperties { Persistent = true }, "routed"u8.ToArray());
        }

        await using var getter = await consuming.CreateChannelAsync();
        var fromBinding = await getter.BasicGetAsync("bound", autoAck: true);
        Assert.Equal("routed", fromBinding is null ? null : Encoding.UTF8.GetString(fromBinding.Body.Span));
        var received = new List<int>();
        while (await getter.BasicGetAsync("orphan", autoAck: true) is { } got)
        {
            received.Add(int.Parse(Encoding.UTF8.GetString(got.Body.Span), CultureInfo.InvariantCulture));
        }

        Assert.Equal(Enumerable.Range(0, Messages), received);
    }

    // Reads what the nodes wrote rather than waiting on each node's line reader, which would consume lines a later wait needs.
    private static async Task WaitForLineOnAnyAsync(FailoverCluster cluster, int[] nodes, string line)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!nodes.Any(node => cluster.Node(node).Output.Any(written => written.Contains(line, StringComparison.Ordinal))))
        {
            Assert.True(waited.Elapsed < s_timeout, $"no node of {string.Join(", ", nodes)} wrote '{line}' within {s_timeout}");
            await Task.Delay(100);
        }
    }

    // A declare reaches the members its node sees Up; one that has just joined may not be among them yet.
    private static async Task WaitForMembersUpAsync(FailoverCluster cluster, int[] nodes)
    {
        foreach (var node in nodes)
        {
            using var api = Api(cluster, node);
            await Eventually.HoldsAsync(async () => (await api.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n is { Running: true, MemberStatus: "up" }) == nodes.Length,
                $"{nodes.Length} members up", s_timeout);
        }
    }

    private static HttpClient Api(FailoverCluster cluster, int node) => new()
    {
        BaseAddress = cluster.Node(node).ManagementAddressWritten(),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
    };

    public void Dispose() => _workDir.Delete(recursive: true);
}
