using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Routing;

public class ExchangeRoutingTests
{
    [Fact]
    public void Default_exchange_routes_to_the_queue_named_by_the_routing_key()
    {
        var table = RoutingTableFixture.WithQueues("orders");

        Assert.Equal(["orders"], table.RouteNames("", "orders"));
        Assert.Empty(table.RouteNames("", "nobody"));
    }

    [Fact]
    public void Direct_exchange_routes_by_exact_key()
    {
        var table = RoutingTableFixture.WithQueues("a", "b")
            .BindQueue("amq.direct", "a", "red")
            .BindQueue("amq.direct", "b", "red")
            .BindQueue("amq.direct", "b", "blue");

        Assert.Equal(["a", "b"], table.RouteNames("amq.direct", "red"));
        Assert.Equal(["b"], table.RouteNames("amq.direct", "blue"));
        Assert.Empty(table.RouteNames("amq.direct", "green"));
    }

    [Fact]
    public void Fanout_exchange_ignores_the_routing_key()
    {
        var table = RoutingTableFixture.WithQueues("a", "b")
            .BindQueue("amq.fanout", "a", "")
            .BindQueue("amq.fanout", "b", "whatever");

        Assert.Equal(["a", "b"], table.RouteNames("amq.fanout", "any"));
    }

    [Fact]
    public void Headers_exchange_matches_all_or_any()
    {
        var table = RoutingTableFixture.WithQueues("all", "any", "present")
            .BindQueue("amq.headers", "all", "", new Headers { ["format"] = "pdf", ["type"] = "report" })
            .BindQueue("amq.headers", "any", "", new Headers { ["x-match"] = "any", ["format"] = "pdf", ["type"] = "log" })
            .BindQueue("amq.headers", "present", "", new Headers { ["format"] = FieldValue.Void });

        Assert.Equal(["all", "any", "present"], table.RouteNames("amq.headers", "", new Headers { ["format"] = "pdf", ["type"] = "report" }));
        Assert.Equal(["any", "present"], table.RouteNames("amq.headers", "", new Headers { ["format"] = "pdf" }));
        Assert.Equal(["any"], table.RouteNames("amq.headers", "", new Headers { ["type"] = "log" }));
        Assert.Empty(table.RouteNames("amq.headers", ""));
    }

    [Fact]
    public void Headers_exchange_ignores_x_arguments_unless_asked_with_x()
    {
        var table = RoutingTableFixture.WithQueues("plain", "withx")
            .BindQueue("amq.headers", "plain", "", new Headers { ["x-tenant"] = "a" })
            .BindQueue("amq.headers", "withx", "", new Headers { ["x-match"] = "all-with-x", ["x-tenant"] = "a" });

        Assert.Equal(["plain"], table.RouteNames("amq.headers", "", new Headers { ["x-tenant"] = "b" }));
        Assert.Equal(["plain", "withx"], table.RouteNames("amq.headers", "", new Headers { ["x-tenant"] = "a" }));
    }

    [Fact]
    public void Exchange_to_exchange_bindings_route_through_and_cycles_end()
    {
        var table = RoutingTableFixture.WithQueues("q")
            .DeclareExchange("e1", new ExchangeSettings(ExchangeType.Fanout))
            .DeclareExchange("e2", new ExchangeSettings(ExchangeType.Direct));
        table = table.Bind(new Binding("e1", Destination.Exchange("e2"), "", null))
            .Bind(new Binding("e2", Destination.Exchange("e1"), "k", null))
            .BindQueue("e2", "q", "k");

        Assert.Equal(["q"], table.RouteNames("e1", "k"));
        Assert.Equal(["q"], table.RouteNames("e2", "k"));
    }

    [Fact]
    public void Amq_exchanges_are_predeclared_and_reserved()
    {
        var table = RoutingTable.CreateDefault();

        Assert.True(table.TryGetExchange("amq.topic", out _));
        Assert.True(table.TryGetExchange("amq.match", out _));
        var error = Assert.Throws<Errors.BrokerException>(() => table.DeclareExchange("amq.mine", new ExchangeSettings(ExchangeType.Direct)));
        Assert.Equal(Errors.BrokerErrorCode.AccessRefused, error.Code);
        Assert.Throws<Errors.BrokerException>(() => table.DeleteExchange("amq.direct", ifUnused: false));
    }

    [Fact]
    public void Redeclaring_an_exchange_with_other_settings_fails_with_precondition()
    {
        var table = RoutingTable.CreateDefault().DeclareExchange("e", new ExchangeSettings(ExchangeType.Direct));

        Assert.Same(table, table.DeclareExchange("e", new ExchangeSettings(ExchangeType.Direct)));
        var error = Assert.Throws<Errors.BrokerException>(() => table.DeclareExchange("e", new ExchangeSettings(ExchangeType.Topic)));
        Assert.Equal(Errors.BrokerErrorCode.PreconditionFailed, error.Code);
    }

    [Fact]
    public void Removing_a_queue_removes_its_bindings_and_auto_delete_exchanges_go_with_their_last_binding()
    {
        var table = RoutingTableFixture.WithQueues("q")
            .DeclareExchange("temp", new ExchangeSettings(ExchangeType.Fanout, AutoDelete: true))
            .BindQueue("temp", "q", "");

        table = table.RemoveQueue("q");

        Assert.False(table.TryGetExchange("temp", out _));
        Assert.Empty(table.BindingsOf(Destination.Queue("q")));
    }

    [Fact]
    public void Publishing_to_a_missing_or_internal_exchange_is_refused()
    {
        var table = RoutingTable.CreateDefault().DeclareExchange("inner", new ExchangeSettings(ExchangeType.Fanout, Internal: true));

        Assert.Equal(Errors.BrokerErrorCode.NotFound, Assert.Throws<Errors.BrokerException>(() => table.RouteNames("missing", "k")).Code);
        Assert.Equal(Errors.BrokerErrorCode.AccessRefused, Assert.Throws<Errors.BrokerException>(() => table.RouteNames("inner", "k")).Code);
    }

    [Fact]
    public void Binding_to_a_missing_queue_or_from_the_default_exchange_is_refused()
    {
        var table = RoutingTable.CreateDefault();

        Assert.Equal(Errors.BrokerErrorCode.NotFound, Assert.Throws<Errors.BrokerException>(() => table.BindQueue("amq.direct", "none", "k")).Code);
        Assert.Equal(Errors.BrokerErrorCode.AccessRefused, Assert.Throws<Errors.BrokerException>(() => RoutingTableFixture.WithQueues("q").BindQueue("", "q", "k")).Code);
    }
}
