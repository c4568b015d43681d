using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Routing;

internal sealed record FakeQueue(string Name) : IQueueEndpoint;

internal static class RoutingTableFixture
{
    public static RoutingTable WithQueues(params string[] names)
    {
        var table = RoutingTable.CreateDefault();
        foreach (var name in names)
        {
            table = table.AddQueue(new FakeQueue(name));
        }

        return table;
    }

    public static RoutingTable BindQueue(this RoutingTable table, string exchange, string queue, string key, Headers? args = null) =>
        table.Bind(new Binding(exchange, Destination.Queue(queue), key, args));

    public static string[] RouteNames(this RoutingTable table, string exchange, string routingKey, Headers? headers = null)
    {
        var result = new RouteResult();
        var message = TestMessages.Text("x", routingKey, new BasicProperties { Headers = headers });
        table.Route(exchange, message, result);
        return result.Queues.Select(q => q.Name).Order(StringComparer.Ordinal).ToArray();
    }
}
