using System.Net.Http.Headers;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// Nodes of one cluster journal into one PostgreSQL database (<c>actorbroker.journal.shared = on</c>): each node's
/// journals are named after it, so two nodes never write the same journal, each journals the whole durable topology,
/// and a second process under a name that already runs is refused.
/// </summary>
public sealed class SharedJournalTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-shared-journal-");

    [Fact]
    public async Task Two_nodes_on_one_database_killed_and_started_again_serve_both_durable_queues_once()
    {
        var database = await postgres.DatabaseAsync(nameof(Two_nodes_on_one_database_killed_and_started_again_serve_both_durable_queues_once));
        await StartPairAsync(database, async (firstAmqp, secondAmqp, _, _) =>
        {
            await PublishOneAsync(firstAmqp, "on-node-1");
            await PublishOneAsync(secondAmqp, "on-node-2");
        });

        // Started again, the first alone before the second joins: each queue is back once, with its message, and both
        // nodes route it to the node that holds it.
        await StartPairAsync(database, async (_, _, firstApi, secondApi) =>
        {
            foreach (var api in new[] { firstApi, secondApi })
            {
                Assert.Equal(["on-node-1", "on-node-2"], (await api.GetAsync<PagedList<QueueResource>>("/api/queues/%2F?page_size=100")).Items.Select(q => q.Name).Order());
            }

            foreach (var queue in new[] { "on-node-1", "on-node-2" })
            {
                var onFirst = await firstApi.GetAsync<QueueResource>("/api/queues/%2F/" + queue);
                var onSecond = await secondApi.GetAsync<QueueResource>("/api/queues/%2F/" + queue);
                Assert.Equal((1, onFirst.Node), (onFirst.Messages, onSecond.Node));
            }
        });
    }

    /// <summary>Starts two nodes of one cluster, the second joining the first, runs <paramref name="test"/> and kills both.</summary>
    private async Task StartPairAsync(string database, Func<int, int, HttpClient, HttpClient, Task> test)
    {
        await using var first = NodeProcess.Start(Folder("node1"), Environment(database, "node1@localhost"));
        using var firstApi = Client(await first.WaitForManagementAsync(s_timeout));
        var firstAmqp = await first.WaitForAmqpPortAsync(s_timeout);
        var seed = (await firstApi.GetAsync<Overview>("/api/overview")).AkkaAddress;
        await using var second = NodeProcess.Start(Folder("node2"), Environment(database, "node2@localhost"), "--config", SeededConfig("node2", seed));
        using var secondApi = Client(await second.WaitForManagementAsync(s_timeout));
        var secondAmqp = await second.WaitForAmqpPortAsync(s_timeout);
        // A declare reaches the members its node sees Up; one that has just joined may not be among them yet.
        await Eventually.HoldsAsync(async () => (await firstApi.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n is { Running: true, MemberStatus: "up" }) == 2,
            "two members up", s_timeout);
        await test(firstAmqp, secondAmqp, firstApi, secondApi);
        await first.KillAsync();
        await second.KillAsync();
    }

    [Fact]
    public async Task A_second_node_under_a_running_nodes_name_exits_1_naming_it()
    {
        var database = await postgres.DatabaseAsync(nameof(A_second_node_under_a_running_nodes_name_exits_1_naming_it));
        await using var first = NodeProcess.Start(Folder("first"), Environment(database, "twin@localhost"));
        await first.WaitForAmqpPortAsync(s_timeout);

        await using var second = NodeProcess.Start(Folder("second"), Environment(database, "twin@localhost"));

        Assert.Contains("another broker node named 'twin@localhost' runs on the shared postgresql journal",
            await second.WaitForLineAsync("cannot start", s_timeout), StringComparison.Ordinal);
        Assert.Equal(1, await second.WaitForExitAsync(s_timeout));
    }

    private static async Task PublishOneAsync(int port, string queue)
    {
        await using var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = port, AutomaticRecoveryEnabled = false, ContinuationTimeout = s_timeout }
            .CreateConnectionAsync().WaitAsync(s_timeout);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        // With confirm tracking, the publish completes once the node confirmed it (the message is in the journal).
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, "kept"u8.ToArray()).AsTask().WaitAsync(s_timeout);
    }

    private static Dictionary<string, string> Environment(string database, string nodeName) => new()
    {
        ["ACTORBROKER__actorbroker__node__name"] = nodeName,
        ["ACTORBROKER__actorbroker__journal__plugin"] = "postgresql",
        ["ACTORBROKER__actorbroker__journal__shared"] = "on",
        ["ACTORBROKER_PG_CONNECTION"] = database,
    };

    /// <summary>A config file in the node's folder over the default one, joining the cluster through <paramref name="seed"/>.</summary>
    private string SeededConfig(string node, string seed)
    {
        var folder = Folder(node);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(folder, "broker.conf"), overwrite: true);
        var path = Path.Combine(folder, "node.conf");
        File.WriteAllText(path, $"""
            include "broker.conf"
            akka.cluster.seed-nodes = ["{seed}"]
            """);
        return path;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_workDir.FullName, name)).FullName;

    private static HttpClient Client(Uri management) => new()
    {
        BaseAddress = management,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
    };

    public void Dispose() => _workDir.Delete(recursive: true);
}
