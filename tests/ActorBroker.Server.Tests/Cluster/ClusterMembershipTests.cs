using System.Net.Http.Headers;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>Node processes form one Akka.Cluster through seed nodes, see each other's figures, and leave it cleanly.</summary>
public sealed class ClusterMembershipTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-cluster-");

    [Fact]
    public async Task A_node_joins_through_a_seed_every_node_lists_both_and_a_clean_stop_leaves_the_cluster()
    {
        await using var first = NodeProcess.Start(Folder("first"));
        using var firstApi = Client(await first.WaitForManagementAsync(s_timeout));
        await first.WaitForAmqpPortAsync(s_timeout);
        var seed = (await firstApi.GetAsync<Overview>("/api/overview")).AkkaAddress;

        await using var second = NodeProcess.Start(Folder("second"), "--config", WriteConfig("second", $"""
            actorbroker.node.name = "second@localhost"
            akka.cluster.seed-nodes = ["{seed}"]
            """));
        using var secondApi = Client(await second.WaitForManagementAsync(s_timeout));
        await second.WaitForLineAsync("is up in a cluster of 2 member(s)", s_timeout);

        await BothUpAsync(firstApi);
        var seenBySecond = await BothUpAsync(secondApi);

        Assert.Equal(["second@localhost", "actorbroker@localhost"], seenBySecond.Select(n => n.Name));
        Assert.Equal(seed, seenBySecond[1].AkkaAddress);
        Assert.All(seenBySecond, node => Assert.True(node is { Journal: "sqlite", ProcessorCount: > 0 }));

        second.SendSigterm();
        Assert.Equal(0, await second.WaitForExitAsync(s_timeout));
        await Eventually.HoldsAsync(async () => (await firstApi.GetAsync<List<NodeResource>>("/api/nodes")).Count == 1,
            "the stopped node left the membership", s_timeout);
    }

    /// <summary>
    /// The node's list once both members are up, ready and answered it (on a busy machine an answer may come late, and
    /// a node joins the cluster before its broker has recovered and reports ready).
    /// </summary>
    private static async Task<List<NodeResource>> BothUpAsync(HttpClient api)
    {
        List<NodeResource> nodes = [];
        await Eventually.HoldsAsync(async () =>
        {
            nodes = await api.GetAsync<List<NodeResource>>("/api/nodes");
            return nodes.Count(n => n is { Running: true, MemberStatus: "up", Ready: true }) == 2;
        }, "both members up, ready and answering", s_timeout);
        return nodes;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_workDir.FullName, name)).FullName;

    /// <summary>A config file in the node's folder over the default one.</summary>
    private string WriteConfig(string node, string settings)
    {
        var folder = Folder(node);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(folder, "broker.conf"));
        var path = Path.Combine(folder, "node.conf");
        File.WriteAllText(path, "include \"broker.conf\"\n" + settings);
        return path;
    }

    private static HttpClient Client(Uri management) => new()
    {
        BaseAddress = management,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
    };

    public void Dispose() => _workDir.Delete(recursive: true);
}
