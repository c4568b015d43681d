using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Durability;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Two durable nodes on one shared journal; a queue lives on the second, a client on the first. The second node stops
/// its broker and stays a member, as a node does in the first moments of a clean leave (its broker stops before the
/// node leaves the cluster, and its queues are adopted only once it is removed). Every request of the client to that queue is then refused as soon as death watch reports
/// the queue's actor stopped, with 404 and a message that says to retry, not after the broker's operation timeout (two
/// minutes here, so an answer within the tests' 30 s can only come from death watch).
/// </summary>
public sealed class StoppedRemoteQueueTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Client = 0;
    private const int Owner = 1;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_operationTimeout = TimeSpan.FromMinutes(2);

    private readonly DurableTempFile _journal = new();
    private readonly List<DurableNode> _nodes = [];

    public async Task InitializeAsync()
    {
        foreach (var name in new[] { "a", "b" })
        {
            var seed = _nodes.Count == 0 ? null : Cluster.Get(_nodes[0].System).SelfAddress;
            _nodes.Add(await DurableNode.StartAsync(_journal.Path, Settings(seed), sharedJournalNode: name, beforeBroker: seed is null ? JoinItself : null, operationTimeout: s_operationTimeout));
        }

        await AwaitAssertAsync(() =>
        {
            foreach (var node in _nodes)
            {
                Assert.Equal(2, Cluster.Get(node.System).State.Members.Count(m => m.Status == MemberStatus.Up));
            }
        }, s_timeout);
        await (await _nodes[Owner].OpenChannelAsync()).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        // What a leaving node does first (in before-cluster-shutdown): its queues stop, then its broker; nothing there
        // answers a request for the queue any more.
        await _nodes[Owner].Broker.DisposeAsync();
    }

    [Fact]
    public async Task A_get_from_a_queue_stopped_on_another_node_is_refused_at_once_with_not_found()
    {
        var channel = await _nodes[Client].OpenChannelAsync();

        var refused = await Assert.ThrowsAsync<QueueGoneException>(() => channel.GetAsync("work").WaitAsync(s_timeout));

        Assert.Equal(BrokerErrorCode.NotFound, refused.Code);
        Assert.Contains("'work'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("retry", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consume_passive_declare_and_purge_of_a_queue_stopped_on_another_node_are_refused_at_once()
    {
        var channel = await _nodes[Client].OpenChannelAsync();

        await Assert.ThrowsAsync<QueueGoneException>(() => channel.ConsumeAsync("work", _ => { }).WaitAsync(s_timeout));
        await Assert.ThrowsAsync<QueueGoneException>(() => channel.DeclareQueuePassiveAsync("work").WaitAsync(s_timeout));
        await Assert.ThrowsAsync<QueueGoneException>(() => channel.PurgeQueueAsync("work").WaitAsync(s_timeout));
    }

    private static void JoinItself(ActorSystem system) => Cluster.Get(system).Join(Cluster.Get(system).SelfAddress);

    private static Config Settings(Address? seed) => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        akka.cluster.downing-provider-class = ""
        akka.cluster.seed-nodes = [{{(seed is null ? "" : $"\"{seed}\"")}}]
        akka.persistence.journal.actorbroker.owner-fencing = on
        akka.persistence.snapshot-store.actorbroker.owner-fencing = on
        akka.loglevel = WARNING
        """);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        _journal.Dispose();
    }
}
