using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Tests.Fakes;

/// <summary>Contract resources with plausible values, for the fake node to serve.</summary>
internal static class Canned
{
    public static QueueResource Queue(string name, long messages = 0, string vhost = "/") => new(
        vhost, name, Durable: true, Exclusive: false, AutoDelete: false, new JsonObject(),
        messages, MessagesReady: messages, MessagesUnacknowledged: 0, MessageBytesReady: messages * 10, Consumers: 1,
        Published: messages, Delivered: 0, Redelivered: 0, Acked: 0, DeadLettered: 0,
        PublishRate: 12.5, DeliverRate: 0, AckRate: 0, DeadLetterExchange: null, DeadLetterRoutingKey: null);

    public static PagedList<QueueResource> Page(params QueueResource[] queues) =>
        new(queues, Page: 1, PageSize: 100, PageCount: 1, FilteredCount: queues.Length, TotalCount: queues.Length);

    public static MessageResource Message(string payload, string routingKey = "orders") =>
        new(payload, "string", payload.Length, "", routingKey, Redelivered: false, DeliveryCount: 0, new MessageProperties(ContentType: "text/plain"));

    public static Overview Overview() =>
        new("actorbroker@test", "1.0.0", "akka.tcp://actorbroker@127.0.0.1:4053", 3725, new MessageTotals(7, 5, 2), new MessageRates(10, 9, 8), new ObjectCounts(1, 3, 7, 4, 2, 1, 1));

    public static NodeResource Node(bool ready) =>
        new("actorbroker@test", Running: true, "akka.tcp://actorbroker@127.0.0.1:4053", "up", ready, 3725, "sqlite", 100 << 20, 1 << 30, false, 10L << 30, 50 << 20, false, 20 << 20, 2);
}
