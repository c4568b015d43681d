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
/// minutes here, so an answer within the tests' 30 s can only come from death watch). A request that Akka.Remote drops
/// as a dead letter, as it does for a node it cannot reach (killed, not yet downed), is refused with 404 too, saying to
/// retry, not that the queue was deleted.
/// </summary>
public sealed class StoppedRemoteQueueTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const int Client = 0;
    private const int Owner = 1;

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_operationTimeout = TimeSpan.FromMinutes(2);

    private SharedJournalCluster? _cluster;

    private List<DurableNode> Nodes => _cluster!.Nodes;

    public async Task InitializeAsync()
    {
        _cluster = await SharedJournalCluster.StartAsync(["a", "b"], operationTimeout: s_operationTimeout);
        await (await Nodes[Owner].OpenChannelAsync()).DeclareQueueAsync("work", new QueueDeclaration(Durable: true));
        // What a leaving node does first (in before-cluster-shutdown): its queues stop, then its broker; nothing there
        // answers a request for the queue any more.
        await Nodes[Owner].Broker.DisposeAsync();
    }

    [Fact]
    public async Task A_get_from_a_queue_stopped_on_another_node_is_refused_at_once_with_not_found()
    {
        var channel = await Nodes[Client].OpenChannelAsync();

        var refused = await Assert.ThrowsAsync<QueueGoneException>(() => channel.GetAsync("work").WaitAsync(s_timeout));

        Assert.Equal(BrokerErrorCode.NotFound, refused.Code);
        Assert.Contains("'work'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("retry", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consume_passive_declare_and_purge_of_a_queue_stopped_on_another_node_are_refused_at_once()
    {
        var channel = await Nodes[Client].OpenChannelAsync();

        await Assert.ThrowsAsync<QueueGoneException>(() => channel.ConsumeAsync("work", _ => { }).WaitAsync(s_timeout));
        await Assert.ThrowsAsync<QueueGoneException>(() => channel.DeclareQueuePassiveAsync("work").WaitAsync(s_timeout));
        await Assert.ThrowsAsync<QueueGoneException>(() => channel.PurgeQueueAsync("work").WaitAsync(s_timeout));
    }

    [Fact]
    public void A_request_remoting_drops_for_a_node_it_cannot_reach_is_refused_with_not_found_and_retry()
    {
        var client = Nodes[Client].System;
        var caller = CreateTestProbe(client);

        // What Akka.Remote does with a request for a gated address (its node killed, not yet downed): its dead-letters
        // actor unwraps the envelope and publishes the request with itself as recipient.
        client.DeadLetters.Tell(new QueueProtocol.GetInfo(), caller.Ref);

        var refused = Assert.IsType<BrokerException>(caller.ExpectMsg<Status.Failure>(s_timeout).Cause);
        Assert.Equal(BrokerErrorCode.NotFound, refused.Code);
        Assert.Contains("down or unreachable", refused.Message, StringComparison.Ordinal);
        Assert.Contains("retry", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted", refused.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
