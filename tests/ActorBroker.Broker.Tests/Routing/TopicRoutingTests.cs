using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Routing;

public class TopicRoutingTests
{
    [Theory]
    [InlineData("a.b.c", "a.b.c", true)]
    [InlineData("a.*.c", "a.b.c", true)]
    [InlineData("a.*.c", "a.c", false)]
    [InlineData("a.*", "a.b.c", false)]
    [InlineData("a.#", "a", true)]
    [InlineData("a.#", "a.b.c", true)]
    [InlineData("#", "", true)]
    [InlineData("#", "anything.at.all", true)]
    [InlineData("#.c", "c", true)]
    [InlineData("#.c", "a.b.c", true)]
    [InlineData("#.c", "a.b.d", false)]
    [InlineData("a.#.c", "a.c", true)]
    [InlineData("a.#.c", "a.x.y.c", true)]
    [InlineData("a.#.c", "a.x.y.d", false)]
    [InlineData("*.*", "a.b", true)]
    [InlineData("*.*", "a", false)]
    [InlineData("*", "", true)]
    [InlineData("a..b", "a..b", true)]
    [InlineData("#.#", "a", true)]
    [InlineData("stock.usd.*", "stock.eur.nyse", false)]
    public void Topic_binding_matches_as_rabbitmq_does(string bindingKey, string routingKey, bool matches)
    {
        var table = RoutingTableFixture.WithQueues("q").BindQueue("amq.topic", "q", bindingKey);

        Assert.Equal(matches, table.RouteNames("amq.topic", routingKey).Length == 1);
    }

    [Fact]
    public void A_queue_matched_by_several_bindings_gets_the_message_once()
    {
        var table = RoutingTableFixture.WithQueues("q", "r")
            .BindQueue("amq.topic", "q", "a.*")
            .BindQueue("amq.topic", "q", "#")
            .BindQueue("amq.topic", "r", "a.b");

        Assert.Equal(["q", "r"], table.RouteNames("amq.topic", "a.b"));
    }

    [Fact]
    public void Unbinding_one_pattern_keeps_the_others()
    {
        var table = RoutingTableFixture.WithQueues("q")
            .BindQueue("amq.topic", "q", "a.*")
            .BindQueue("amq.topic", "q", "b.#");

        table = table.Unbind(new Binding("amq.topic", Destination.Queue("q"), "a.*", null));

        Assert.Empty(table.RouteNames("amq.topic", "a.x"));
        Assert.Equal(["q"], table.RouteNames("amq.topic", "b.x.y"));
    }
}
