using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Routing;

public class ManyQueuesRoutingTests
{
    private const int QueueCount = 20_000;

    [Fact]
    public void Twenty_thousand_declared_queues_are_each_routed_to_by_name()
    {
        var table = DeclareMany(RoutingTable.CreateDefault());

        Assert.Equal(QueueCount, table.QueueCount);
        foreach (var i in new[] { 0, 1, 31, 32, 141, 9_999, QueueCount - 1 })
        {
            Assert.Equal([Name(i)], table.RouteNames("", Name(i)));
            Assert.True(table.TryGetQueue(Name(i), out var queue));
            Assert.Equal(Name(i), queue.Name);
        }
    }

    [Fact]
    public void Deleting_some_of_many_queues_drops_their_routes_and_bindings_only()
    {
        var table = DeclareMany(RoutingTable.CreateDefault());
        for (var i = 0; i < QueueCount; i += 100)
        {
            table = table.BindQueue("amq.direct", Name(i), "shared");
        }

        for (var i = 0; i < QueueCount; i += 200)
        {
            table = table.RemoveQueue(Name(i));
        }

        Assert.Equal(QueueCount - (QueueCount / 200), table.QueueCount);
        Assert.Empty(table.RouteNames("", Name(400)));
        Assert.False(table.TryGetQueue(Name(400), out _));
        Assert.Empty(table.BindingsOf(Destination.Queue(Name(400))));
        Assert.Equal([Name(500)], table.RouteNames("", Name(500)));
        var survivors = Enumerable.Range(0, QueueCount).Where(i => i % 100 == 0 && i % 200 != 0).Select(Name).Order(StringComparer.Ordinal);
        Assert.Equal(survivors, table.RouteNames("amq.direct", "shared"));
    }

    [Fact]
    public void Queues_added_at_once_replace_earlier_ones_and_keep_the_rest()
    {
        var first = new FakeQueue("a");
        var table = RoutingTable.CreateDefault().AddQueue(first).AddQueue(new FakeQueue("b"));
        var replacement = new FakeQueue("a");

        var restored = table.AddQueues([replacement, new FakeQueue("c")]);

        Assert.Equal(3, restored.QueueCount);
        Assert.True(restored.TryGetQueue("a", out var a));
        Assert.Same(replacement, a);
        Assert.Equal(["a", "b", "c"], restored.Queues.Select(q => q.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_queue_deleted_and_declared_again_is_routed_to_while_older_snapshots_keep_their_view()
    {
        var table = DeclareMany(RoutingTable.CreateDefault());
        var withoutQueue = table.RemoveQueue(Name(7));
        var redeclared = withoutQueue.AddQueue(new FakeQueue(Name(7)));

        Assert.Equal([Name(7)], table.RouteNames("", Name(7)));
        Assert.Empty(withoutQueue.RouteNames("", Name(7)));
        Assert.Equal([Name(7)], redeclared.RouteNames("", Name(7)));
        Assert.Equal(QueueCount - 1, withoutQueue.Queues.Count());
        Assert.Equal(QueueCount, redeclared.Queues.Count());
    }

    [Fact]
    public void A_queue_declared_and_deleted_between_snapshots_leaves_no_trace()
    {
        var table = RoutingTableFixture.WithQueues("kept", "brief").RemoveQueue("brief");

        Assert.Equal(1, table.QueueCount);
        Assert.Equal(["kept"], table.Queues.Select(q => q.Name));
        Assert.Empty(table.RouteNames("", "brief"));
        Assert.Same(table, table.RemoveQueue("brief"));
    }

    private static RoutingTable DeclareMany(RoutingTable table)
    {
        for (var i = 0; i < QueueCount; i++)
        {
            table = table.AddQueue(new FakeQueue(Name(i)));
        }

        return table;
    }

    private static string Name(int i) => $"q{i}";
}
