using Akka.Actor;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Two durable nodes on one shared journal. The topology writer (a cluster singleton, on the oldest node) stops, as it
/// is gone while a killed oldest node is being detected and removed: a client still connects to a virtual host its node
/// has restored, because connecting changes no topology and so waits for no turn. Before, every connect asked the
/// writer for a turn, and after a kill of the oldest node no new connection opened until the writer had moved.
/// </summary>
public sealed class ConnectWithoutTopologyWriterTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_client_connects_to_a_restored_virtual_host_while_the_topology_writer_is_gone()
    {
        await using var cluster = await SharedJournalCluster.StartAsync(["a", "b"]);
        var client = cluster.Nodes[1];
        await client.OpenChannelAsync();
        var writer = await cluster.Nodes[0].System.ActorSelection("/user/topology-writer/singleton").ResolveOne(s_timeout);
        Assert.True(await writer.GracefulStop(s_timeout));

        var connection = await client.Broker.ConnectAsync().WaitAsync(s_timeout);

        Assert.NotNull(await connection.CreateChannelAsync().WaitAsync(s_timeout));
    }
}
