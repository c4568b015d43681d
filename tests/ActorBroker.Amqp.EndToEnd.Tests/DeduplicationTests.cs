using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Deduplicating queues as RabbitMQ's message-deduplication plugin names them, through RabbitMQ.Client.</summary>
public sealed class DeduplicationTests : NodeTest
{
    [Fact]
    public async Task A_retried_publish_with_the_same_deduplication_header_is_confirmed_and_enqueued_once()
    {
        await DeclareQueueAsync("orders", new Dictionary<string, object?> { ["x-message-deduplication"] = true, ["x-cache-size"] = 1000 });
        await using var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        foreach (var (id, body) in new[] { ("order-1", "first"), ("order-1", "retry"), ("order-2", "second") })
        {
            var properties = new BasicProperties { Persistent = true, Headers = new Dictionary<string, object?> { ["x-deduplication-header"] = id } };
            await confirming.BasicPublishAsync("", "orders", true, properties, Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await confirming.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("no header")).AsTask().WaitAsync(BrokerNode.Timeout);
        await confirming.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("no header")).AsTask().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(["first", "second", "no header", "no header"], await DrainAsync("orders"));
    }

    [Fact]
    public async Task A_bad_cache_size_refuses_the_declaration_with_precondition_failed()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
            DeclareQueueAsync("bad", new Dictionary<string, object?> { ["x-message-deduplication"] = true, ["x-cache-size"] = -1 }));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("x-cache-size", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deduplication_exchange_routes_a_message_like_fanout_once_per_id()
    {
        await Channel.ExchangeDeclareAsync("dedup", "x-message-deduplication", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-cache-size"] = "100" });
        foreach (var queue in new[] { "left", "right" })
        {
            await DeclareQueueAsync(queue);
            await Channel.QueueBindAsync(queue, "dedup", "any key");
        }

        await using var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var body in new[] { "first", "retry" })
        {
            var properties = new BasicProperties { Headers = new Dictionary<string, object?> { ["x-deduplication-header"] = "order-1" } };
            await confirming.BasicPublishAsync("dedup", "unbound key", true, properties, Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        Assert.Equal(["first"], await DrainAsync("left"));
        Assert.Equal(["first"], await DrainAsync("right"));
    }
}
