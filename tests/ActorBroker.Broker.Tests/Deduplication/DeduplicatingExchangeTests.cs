using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Durability;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Deduplication;

/// <summary>The <c>x-message-deduplication</c> exchange: dedup before routing (fanout), its window journaled.</summary>
public sealed class DeduplicatingExchangeTests : IDisposable
{
    private static readonly ExchangeSettings s_exchange = new(ExchangeType.MessageDeduplication, Arguments: new Headers { ["x-cache-size"] = 1000 });
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_message_is_routed_to_every_bound_queue_once_however_often_it_is_published_and_every_publish_is_confirmed()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await DeclareAsync(node);

        Assert.True(await channel.PublishAsync("dedup", "ignored", Body("first"), WithId("order-1")));
        Assert.True(await channel.PublishAsync("dedup", "other key", Body("retry"), WithId("order-1")));
        Assert.True(await channel.PublishAsync("dedup", "", Body("plain")));
        Assert.True(await channel.PublishAsync("dedup", "", Body("plain")));

        Assert.Equal(["first", "plain", "plain"], await channel.DrainAsync("a"));
        Assert.Equal(["first", "plain", "plain"], await channel.DrainAsync("b"));
    }

    [Fact]
    public async Task The_window_survives_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await DeclareAsync(node);
            Assert.True(await channel.PublishAsync("dedup", "", Body("first"), WithId("order-1")));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        var again = await restarted.OpenChannelAsync();
        Assert.True(await again.PublishAsync("dedup", "", Body("retry"), WithId("order-1")));
        Assert.True(await again.PublishAsync("dedup", "", Body("new"), WithId("order-2")));

        Assert.Equal(["first", "new"], await again.DrainAsync("a"));
    }

    [Fact]
    public async Task A_message_a_queue_refused_is_nacked_and_its_retry_is_routed()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await node.OpenChannelAsync();
        await channel.DeclareExchangeAsync("dedup", s_exchange);
        await channel.DeclareQueueAsync("full", new QueueDeclaration(Arguments: new Headers { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" }));
        await channel.BindQueueAsync("full", "dedup", "");
        Assert.True(await channel.PublishAsync("dedup", "", Body("fills"), WithId("order-1")));

        Assert.False(await channel.PublishAsync("dedup", "", Body("refused"), WithId("order-2")));
        Assert.Equal(["fills"], await channel.DrainAsync("full"));

        Assert.True(await channel.PublishAsync("dedup", "", Body("retried"), WithId("order-2")));
        Assert.Equal(["retried"], await channel.DrainAsync("full"));
    }

    [Fact]
    public async Task Declaring_one_without_a_cache_size_is_refused_with_precondition_failed()
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await node.OpenChannelAsync();

        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareExchangeAsync("dedup", ExchangeType.MessageDeduplication));

        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);
        Assert.Contains("x-cache-size", error.Message, StringComparison.Ordinal);
    }

    private static async Task<BrokerChannel> DeclareAsync(DurableNode node)
    {
        var channel = await node.OpenChannelAsync();
        await channel.DeclareExchangeAsync("dedup", s_exchange);
        foreach (var queue in new[] { "a", "b" })
        {
            await channel.DeclareQueueAsync(queue);
            await channel.BindQueueAsync(queue, "dedup", "");
        }

        return channel;
    }

    private static BasicProperties WithId(string id) =>
        new() { DeliveryMode = DeliveryMode.Persistent, Headers = new Headers { ["x-deduplication-header"] = id } };

    private static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

}
