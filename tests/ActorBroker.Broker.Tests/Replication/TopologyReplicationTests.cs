using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.Tests.Support;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Replication;

/// <summary>
/// Brokers in three ActorSystems that form one Akka cluster on loopback: a declaration on one node is routable on the
/// others by the time it is answered, a queue stays on the node that declared it and is reached from the others over
/// Akka.Remote, and a node that joins later reads the topology first.
/// </summary>
public sealed class TopologyReplicationTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly Config s_cluster = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        # Gossip faster than Akka's 1 s defaults: members see each other Up sooner, so each test forms its cluster sooner.
        akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms }
        akka.loglevel = WARNING
        """);

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private const string OrderSchema = """{"type": "object", "required": ["id"]}""";

    private static readonly Policy s_lengthLimit =
        new("limits", "^limited\\.", PolicyTarget.Queues, 0, new Headers { ["max-length"] = 2L, ["overflow"] = "reject-publish" });

    private readonly List<ActorSystem> _systems = [];
    private readonly List<MessageBroker> _brokers = [];

    public TopologyReplicationTests()
        : base(s_cluster)
    {
    }

    public async Task InitializeAsync()
    {
        _systems.Add(Sys);
        Cluster.Get(Sys).Join(Cluster.Get(Sys).SelfAddress);
        for (var i = 1; i < 3; i++)
        {
            await JoinAsync();
        }
    }

    [Fact]
    public async Task A_queue_declared_on_one_node_is_in_every_node_s_routing_when_declare_ok_returns()
    {
        var declaring = await ChannelOnAsync(0);

        await declaring.DeclareQueueAsync("orders");

        foreach (var node in new[] { 1, 2 })
        {
            Assert.True((await HostOnAsync(node)).Routing.TryGetQueue("orders", out var endpoint));
            Assert.False(((QueueEndpoint)endpoint).IsLocal);
        }
    }

    [Fact]
    public async Task A_publish_on_a_second_node_is_confirmed_and_consumed_on_a_third_from_the_queue_on_the_first()
    {
        await (await ChannelOnAsync(0)).DeclareQueueAsync("orders");
        var consumer = await ChannelOnAsync(2);
        var delivered = new TaskCompletionSource<Delivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        await consumer.ConsumeAsync("orders", delivery =>
        {
            delivery.Ack();
            delivered.TrySetResult(delivery);
        });

        Assert.True(await (await ChannelOnAsync(1)).PublishAsync("", "orders", "hello"u8.ToArray()));

        Assert.Equal("hello", (await delivered.Task.WaitAsync(s_timeout)).Message.BodyText());
        await AwaitAssertAsync(async () =>
        {
            var queue = (await _brokers[0].Admin.ListQueuesAsync("/")).Single(q => q.Name == "orders");
            Assert.Equal((0, 0), (queue.Ready, queue.Unacked));
        }, s_timeout);
    }

    [Fact]
    public async Task An_exchange_and_binding_declared_on_one_node_route_a_publish_on_another_into_the_queue()
    {
        var declaring = await ChannelOnAsync(0);
        await declaring.DeclareQueueAsync("invoices");
        await declaring.DeclareExchangeAsync("billing", ExchangeType.Topic);
        await declaring.BindQueueAsync("invoices", "billing", "invoice.#");

        Assert.True(await (await ChannelOnAsync(1)).PublishAsync("billing", "invoice.paid", "paid"u8.ToArray()));

        var got = await (await ChannelOnAsync(2)).GetAsync("invoices", autoAck: true);
        Assert.Equal("paid", got.Delivery?.Message.BodyText());
    }

    [Fact]
    public async Task Deleting_a_queue_and_unbinding_on_its_node_is_seen_on_every_node_when_answered()
    {
        var declaring = await ChannelOnAsync(0);
        await declaring.DeclareQueueAsync("gone");
        await declaring.DeclareExchangeAsync("events", ExchangeType.Fanout);
        await declaring.BindQueueAsync("gone", "events", "");

        await declaring.UnbindQueueAsync("gone", "events", "");
        var unbound = await HostOnAsync(1);
        Assert.True(unbound.Routing.TryGetExchange("events", out var events));
        Assert.Empty(events.Router.Bindings);

        await declaring.DeleteQueueAsync("gone");
        foreach (var node in new[] { 1, 2 })
        {
            Assert.False((await HostOnAsync(node)).Routing.TryGetQueue("gone", out _));
        }
    }

    [Fact]
    public async Task A_queue_of_another_node_is_redeclared_counted_purged_and_deleted_from_any_node()
    {
        var owner = await ChannelOnAsync(0);
        await owner.DeclareQueueAsync("shared");
        Assert.True(await owner.PublishAsync("", "shared", "one"u8.ToArray()));
        Assert.True(await owner.PublishAsync("", "shared", "two"u8.ToArray()));
        var other = await ChannelOnAsync(1);

        Assert.Equal(2, (await other.DeclareQueueAsync("shared")).MessageCount);
        Assert.Equal(2, (await other.DeclareQueuePassiveAsync("shared")).MessageCount);
        var inequivalent = await Assert.ThrowsAsync<BrokerException>(() => other.DeclareQueueAsync("shared", new QueueDeclaration(Durable: false)));
        Assert.Equal(BrokerErrorCode.PreconditionFailed, inequivalent.Code);
        var deleting = await ChannelOnAsync(1);
        var notEmpty = await Assert.ThrowsAsync<BrokerException>(() => deleting.DeleteQueueAsync("shared", ifEmpty: true));
        Assert.Equal(BrokerErrorCode.PreconditionFailed, notEmpty.Code);
        Assert.Equal(2, await (await ChannelOnAsync(2)).PurgeQueueAsync("shared"));

        Assert.Equal(0, await (await ChannelOnAsync(1)).DeleteQueueAsync("shared"));

        foreach (var node in new[] { 0, 1, 2 })
        {
            Assert.False((await HostOnAsync(node)).Routing.TryGetQueue("shared", out _));
        }

        Assert.Empty(await _brokers[0].Admin.ListQueuesAsync("/"));
    }

    [Fact]
    public async Task A_node_that_joins_later_reads_the_topology_and_routes_into_queues_of_the_others()
    {
        var declaring = await ChannelOnAsync(0);
        await declaring.DeclareQueueAsync("audit");
        await declaring.DeclareExchangeAsync("logs", ExchangeType.Direct);
        await declaring.BindQueueAsync("audit", "logs", "audit");

        var late = await JoinAsync();
        Assert.True(await (await ChannelOnAsync(late)).PublishAsync("logs", "audit", "late"u8.ToArray()));

        var got = await declaring.GetAsync("audit", autoAck: true);
        Assert.Equal("late", got.Delivery?.Message.BodyText());
    }

    [Fact]
    public async Task Two_nodes_declaring_one_exchange_differently_at_once_leave_one_version_on_every_node_and_refuse_the_other()
    {
        var (direct, fanout) = (await ChannelOnAsync(0), await ChannelOnAsync(1));

        var outcomes = await Task.WhenAll(
            OutcomeAsync(direct.DeclareExchangeAsync("contested", ExchangeType.Direct)),
            OutcomeAsync(fanout.DeclareExchangeAsync("contested", ExchangeType.Fanout)));

        var winner = Assert.Single(outcomes, outcome => outcome is null);
        var loser = Assert.IsType<BrokerException>(Assert.Single(outcomes, outcome => outcome is not null));
        Assert.Equal(BrokerErrorCode.PreconditionFailed, loser.Code);
        var types = new List<ExchangeType>();
        foreach (var node in new[] { 0, 1, 2 })
        {
            Assert.True((await HostOnAsync(node)).Routing.TryGetExchange("contested", out var exchange));
            types.Add(exchange.Settings.Type);
        }

        Assert.Single(types.Distinct());
    }

    [Fact]
    public async Task Two_nodes_declaring_one_queue_at_once_make_one_queue_that_every_node_routes_to()
    {
        var (first, second) = (await ChannelOnAsync(0), await ChannelOnAsync(1));

        await Task.WhenAll(first.DeclareQueueAsync("once"), second.DeclareQueueAsync("once"));

        var actors = new List<IActorRef>();
        foreach (var node in new[] { 0, 1, 2 })
        {
            Assert.True((await HostOnAsync(node)).Routing.TryGetQueue("once", out var queue));
            actors.Add(((QueueEndpoint)queue).Actor);
        }

        Assert.Single(actors.Select(actor => actor.Path.ToStringWithoutAddress()).Distinct());
        Assert.Single(actors, actor => actor.Path.Address.HasLocalScope);
    }

    [Fact]
    public async Task Queues_of_a_node_that_leaves_leave_the_routing_of_the_others_and_its_exchanges_stay()
    {
        var leaving = await ChannelOnAsync(2);
        await leaving.DeclareQueueAsync("temporary");
        await leaving.DeclareExchangeAsync("shared", ExchangeType.Fanout);
        await leaving.BindQueueAsync("temporary", "shared", "");
        var (broker, system) = (_brokers[2], _systems[2]);
        _brokers.Remove(broker);
        _systems.Remove(system);

        await broker.DisposeAsync();
        await Cluster.Get(system).LeaveAsync();
        await system.Terminate();

        await AwaitAssertAsync(async () =>
        {
            foreach (var node in new[] { 0, 1 })
            {
                var host = await HostOnAsync(node);
                Assert.False(host.Routing.TryGetQueue("temporary", out _));
                Assert.True(host.Routing.TryGetExchange("shared", out var shared));
                Assert.Empty(shared.Router.Bindings);
            }
        }, s_timeout);
    }

    [Fact]
    public async Task A_virtual_host_created_on_one_node_exists_on_every_node_when_answered_and_routes_across_them()
    {
        await _brokers[0].AddVirtualHostAsync("shop");

        foreach (var broker in _brokers)
        {
            Assert.Contains("shop", await broker.Admin.ListVirtualHostsAsync());
        }

        var declaring = await (await _brokers[1].ConnectAsync("shop")).CreateChannelAsync();
        await declaring.DeclareQueueAsync("carts");
        var publishing = await (await _brokers[2].ConnectAsync("shop")).CreateChannelAsync();
        Assert.True(await publishing.PublishAsync("", "carts", "cart"u8.ToArray()));
        Assert.Equal("cart", (await declaring.GetAsync("carts", autoAck: true)).Delivery?.Message.BodyText());
    }

    [Fact]
    public async Task A_virtual_host_deleted_on_one_node_is_gone_from_every_node_when_answered_and_its_connections_there_are_closed()
    {
        await _brokers[0].AddVirtualHostAsync("shop");
        var connection = await _brokers[2].ConnectAsync("shop");
        var closed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ClosedByBroker += (_, args) => closed.TrySetResult(args.Reason);

        await _brokers[1].Admin.DeleteVirtualHostAsync("shop");

        foreach (var broker in _brokers)
        {
            Assert.DoesNotContain("shop", await broker.Admin.ListVirtualHostsAsync());
        }

        Assert.Contains("shop", await closed.Task.WaitAsync(s_timeout), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<BrokerException>(() => _brokers[2].ConnectAsync("shop"));
        Assert.Equal(BrokerErrorCode.NotFound, refused.Code);
    }

    [Fact]
    public async Task A_node_that_joins_later_has_the_virtual_hosts_of_the_cluster_and_not_those_deleted_before()
    {
        await _brokers[0].AddVirtualHostAsync("shop");
        await _brokers[0].Admin.DeleteVirtualHostAsync(MessageBroker.DefaultVirtualHost);

        var late = await JoinAsync();

        Assert.Equal(["shop"], await _brokers[late].Admin.ListVirtualHostsAsync());
    }

    [Fact]
    public async Task A_policy_set_on_one_node_applies_to_a_queue_declared_on_another_when_answered_and_cleared_everywhere()
    {
        await _brokers[1].Policies.SetAsync("/", s_lengthLimit);
        var declaring = await ChannelOnAsync(0);
        await declaring.DeclareQueueAsync("limited.orders");

        var publishing = await ChannelOnAsync(2);
        var accepted = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            accepted.Add(await publishing.PublishAsync("", "limited.orders", "order"u8.ToArray()));
        }

        Assert.Equal([true, true, false], accepted);
        Assert.True(await _brokers[2].Policies.ClearAsync("/", s_lengthLimit.Name));
        foreach (var broker in _brokers)
        {
            Assert.Empty(await broker.Policies.ListAsync("/"));
        }
    }

    [Fact]
    public async Task A_node_that_joins_later_has_the_policies_of_the_cluster()
    {
        await _brokers[0].Policies.SetAsync("/", s_lengthLimit);

        var late = await JoinAsync();

        Assert.True((await _brokers[late].Policies.ListAsync("/")).Single().Equivalent(s_lengthLimit));
    }

    [Fact]
    public async Task A_schema_registered_on_one_node_is_usable_on_another_when_answered_and_deleted_everywhere()
    {
        await _brokers[0].Schemas.RegisterAsync("/", "order", OrderSchema);

        var declaring = await ChannelOnAsync(2);
        await declaring.DeclareQueueAsync("orders", new QueueDeclaration(Arguments: new Headers { [MessageSchema.Argument] = "order" }));
        Assert.Equal(1, (await _brokers[1].Schemas.VersionsAsync("/", "order")).Single().Version);

        Assert.True(await _brokers[1].Schemas.DeleteAsync("/", "order"));
        foreach (var broker in _brokers)
        {
            Assert.Empty(await broker.Schemas.ListAsync("/"));
        }
    }

    [Fact]
    public async Task A_node_that_joins_later_has_the_schemas_of_the_cluster_with_every_version()
    {
        await _brokers[0].Schemas.RegisterAsync("/", "order", OrderSchema);
        await _brokers[1].Schemas.RegisterAsync("/", "order", """{"type": "object"}""");

        var late = await JoinAsync();

        Assert.Equal([1, 2], (await _brokers[late].Schemas.VersionsAsync("/", "order")).Select(schema => schema.Version));
    }

    /// <summary>Starts a node, waits until every member sees every other Up, and starts its broker; returns its index.</summary>
    private async Task<int> JoinAsync()
    {
        var system = ActorSystem.Create(Sys.Name, s_cluster);
        _systems.Add(system);
        Cluster.Get(system).Join(Cluster.Get(Sys).SelfAddress);
        await AwaitAssertAsync(() =>
        {
            foreach (var member in _systems)
            {
                Assert.Equal(_systems.Count, Cluster.Get(member).State.Members.Count(m => m.Status == MemberStatus.Up));
            }
        }, s_timeout);
        if (_brokers.Count == 0)
        {
            _brokers.Add(MessageBroker.Start(Sys));
        }

        // StartAsync, as a node does: it takes the cluster's virtual hosts before it returns.
        _brokers.Add(await MessageBroker.StartAsync(system, BrokerOptions.Default));
        return _brokers.Count - 1;
    }

    private static async Task<Exception?> OutcomeAsync(Task change)
    {
        try
        {
            await change;
            return null;
        }
        catch (BrokerException error)
        {
            return error;
        }
    }

    private async Task<BrokerChannel> ChannelOnAsync(int node) => await (await _brokers[node].ConnectAsync()).CreateChannelAsync();

    private Task<VirtualHost> HostOnAsync(int node) =>
        _brokers[node].Supervisor.Ask<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(MessageBroker.DefaultVirtualHost), s_timeout);

    public async Task DisposeAsync()
    {
        foreach (var broker in _brokers)
        {
            await broker.DisposeAsync();
        }

        foreach (var system in _systems.Skip(1))
        {
            await system.Terminate();
        }
    }
}
