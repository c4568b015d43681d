namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class RoutingTests : NodeTest
{
    [Fact]
    public async Task A_topic_exchange_routes_by_wildcard_patterns()
    {
        await Channel.ExchangeDeclareAsync("events", ExchangeType.Topic, durable: false);
        await DeclareQueueAsync("eu");
        await DeclareQueueAsync("all-created");
        await Channel.QueueBindAsync("eu", "events", "eu.#");
        await Channel.QueueBindAsync("all-created", "events", "*.*.created");

        await Channel.BasicPublishAsync("events", "eu.order.created", Encoding.UTF8.GetBytes("1"));
        await Channel.BasicPublishAsync("events", "us.order.created", Encoding.UTF8.GetBytes("2"));
        await Channel.BasicPublishAsync("events", "eu.order.shipped", Encoding.UTF8.GetBytes("3"));

        Assert.Equal(["1", "3"], await DrainAsync("eu"));
        Assert.Equal(["1", "2"], await DrainAsync("all-created"));
    }

    [Fact]
    public async Task A_fanout_exchange_copies_each_message_to_every_bound_queue()
    {
        await Channel.ExchangeDeclareAsync("broadcast", ExchangeType.Fanout, durable: false);
        foreach (var queue in new[] { "f1", "f2", "f3" })
        {
            await DeclareQueueAsync(queue);
            await Channel.QueueBindAsync(queue, "broadcast", "ignored");
        }

        await Channel.BasicPublishAsync("broadcast", "anything", Encoding.UTF8.GetBytes("hi"));

        foreach (var queue in new[] { "f1", "f2", "f3" })
        {
            Assert.Equal(["hi"], await DrainAsync(queue));
        }
    }

    [Fact]
    public async Task A_headers_exchange_matches_all_or_any_of_the_binding_headers()
    {
        await Channel.ExchangeDeclareAsync("by-headers", ExchangeType.Headers, durable: false);
        await DeclareQueueAsync("both");
        await DeclareQueueAsync("either");
        await Channel.QueueBindAsync("both", "by-headers", "", new Dictionary<string, object?> { ["x-match"] = "all", ["format"] = "pdf", ["type"] = "report" });
        await Channel.QueueBindAsync("either", "by-headers", "", new Dictionary<string, object?> { ["x-match"] = "any", ["format"] = "pdf", ["type"] = "report" });

        await Publish("pdf-report", new() { ["format"] = "pdf", ["type"] = "report" });
        await Publish("pdf-only", new() { ["format"] = "pdf" });
        await Publish("neither", new() { ["format"] = "zip" });

        Assert.Equal(["pdf-report"], await DrainAsync("both"));
        Assert.Equal(["pdf-report", "pdf-only"], await DrainAsync("either"));
    }

    [Fact]
    public async Task An_exchange_to_exchange_binding_forwards_messages()
    {
        await Channel.ExchangeDeclareAsync("upstream", ExchangeType.Direct, durable: false);
        await Channel.ExchangeDeclareAsync("downstream", ExchangeType.Fanout, durable: false);
        await Channel.ExchangeBindAsync("downstream", "upstream", "key");
        await DeclareQueueAsync("sink");
        await Channel.QueueBindAsync("sink", "downstream", "");

        await Channel.BasicPublishAsync("upstream", "key", Encoding.UTF8.GetBytes("forwarded"));

        Assert.Equal(["forwarded"], await DrainAsync("sink"));
    }

    private async Task Publish(string body, Dictionary<string, object?> headers) =>
        await Channel.BasicPublishAsync("by-headers", "", false, new BasicProperties { Headers = headers }, Encoding.UTF8.GetBytes(body));
}
