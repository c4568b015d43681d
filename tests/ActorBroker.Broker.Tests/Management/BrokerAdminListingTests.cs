using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Client;

namespace ActorBroker.Broker.Tests.Management;

public sealed class BrokerAdminListingTests : BrokerSpec
{
    [Fact]
    public async Task Queues_are_listed_by_name_after_declares_and_no_longer_after_a_delete()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("b");
        await channel.DeclareQueueAsync("a");
        await channel.DeclareQueueAsync("c");
        await channel.DeleteQueueAsync("b");

        var queues = await Broker.Admin.ListQueuesAsync("/");

        Assert.Equal(["a", "c"], queues.Select(q => q.Name));
        Assert.All(queues, q => Assert.Equal("/", q.VirtualHost));
    }

    [Fact]
    public async Task A_listed_queue_carries_its_messages_declaration_and_dead_letter_target()
    {
        var channel = await OpenChannelAsync();
        var arguments = new Headers { ["x-dead-letter-exchange"] = "dlx", ["x-dead-letter-routing-key"] = "dead" };
        await channel.DeclareQueueAsync("orders", new QueueDeclaration(Durable: false, Arguments: arguments));
        await channel.PublishAsync("", "orders", Body("one"));
        await channel.PublishAsync("", "orders", Body("two"));

        var info = Assert.Single(await Broker.Admin.ListQueuesAsync("/"));

        Assert.Equal(2, info.Ready);
        Assert.False(info.Declaration.Durable);
        Assert.Equal("dlx", info.DeadLetterExchange);
        Assert.Equal("dead", info.DeadLetterRoutingKey);
    }

    [Fact]
    public async Task Exclusive_queues_are_listed_although_other_connections_may_not_use_them()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("mine", new QueueDeclaration(Exclusive: true));

        var info = await Broker.Admin.GetQueueAsync("/", "mine");

        Assert.True(info.Declaration.Exclusive);
        Assert.Equal("mine", Assert.Single(await Broker.Admin.ListQueuesAsync("/")).Name);
    }

    [Fact]
    public async Task Getting_an_unknown_queue_fails_with_not_found_naming_queue_and_virtual_host()
    {
        var error = await Assert.ThrowsAsync<BrokerException>(() => Broker.Admin.GetQueueAsync("/", "missing"));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_an_unknown_virtual_host_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerException>(() => Broker.Admin.ListQueuesAsync("nowhere"));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchanges_are_listed_with_the_default_one_first_and_the_predeclared_ones()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareExchangeAsync("events", new ExchangeSettings(ExchangeType.Topic, Durable: false, Internal: true));

        var exchanges = await Broker.Admin.ListExchangesAsync("/");

        Assert.Equal(["", "amq.direct", "amq.fanout", "amq.headers", "amq.match", "amq.topic", "events"], exchanges.Select(e => e.Name));
        var events = exchanges.Single(e => e.Name == "events");
        Assert.Equal(ExchangeType.Topic, events.Settings.Type);
        Assert.True(events.Settings.Internal);
        Assert.False(events.Settings.Durable);
    }

    [Fact]
    public async Task Bindings_are_listed_with_the_default_exchange_ones_and_exchange_to_exchange_ones()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("audit");
        await channel.DeclareExchangeAsync("orders", ExchangeType.Topic);
        await channel.DeclareExchangeAsync("all", ExchangeType.Fanout);
        await channel.BindExchangeAsync("all", "orders", "order.#");
        await channel.BindQueueAsync("audit", "all", "", new Headers { ["why"] = "audit" });

        var bindings = await Broker.Admin.ListBindingsAsync("/");

        Assert.Equal(3, bindings.Count);
        Assert.Equal(new Binding("", Destination.Queue("audit"), "audit", null), bindings[0]);
        Assert.Contains(new Binding("orders", Destination.Exchange("all"), "order.#", null), bindings);
        Assert.Contains(new Binding("all", Destination.Queue("audit"), "", new Headers { ["why"] = "audit" }), bindings);
    }

    [Fact]
    public async Task Consumers_are_listed_with_their_tags_channel_connection_and_settings()
    {
        var connection = await Broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync("work");
        await channel.DeclareQueueAsync("idle");
        await channel.ConsumeAsync("work", _ => { }, new ConsumeOptions(ConsumerTag: "first", Prefetch: 5));
        await channel.ConsumeAsync("work", _ => { }, new ConsumeOptions(AutoAck: true, ConsumerTag: "second", Priority: 3));

        var consumers = await Broker.Admin.ListConsumersAsync("/");

        Assert.Equal(["first", "second"], consumers.Select(c => c.ConsumerTag));
        Assert.All(consumers, c =>
        {
            Assert.Equal("work", c.Queue);
            Assert.Equal(channel.Id, c.ChannelId);
            Assert.Equal(connection.Id, c.ConnectionId);
        });
        Assert.True(consumers[0].AckRequired);
        Assert.Equal(5, consumers[0].Prefetch);
        Assert.False(consumers[1].AckRequired);
        Assert.Equal(3, consumers[1].Priority);
    }

    [Fact]
    public async Task A_cancelled_consumer_is_no_longer_listed()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("work");
        var tag = await channel.ConsumeAsync("work", _ => { }, new ConsumeOptions(Exclusive: true));
        Assert.True(Assert.Single(await Broker.Admin.ListConsumersAsync("/")).Exclusive);

        await channel.CancelAsync(tag);

        Assert.Empty(await Broker.Admin.ListConsumersAsync("/"));
    }

    [Fact]
    public async Task Twenty_thousand_queues_are_all_listed_with_their_messages()
    {
        var channel = await OpenChannelAsync();
        var names = Enumerable.Range(0, 20_000).Select(i => $"q{i:D5}").ToList();
        // In batches: one declaration after the other waits a round trip each, all at once outlast the timeout.
        foreach (var batch in names.Chunk(500))
        {
            await Task.WhenAll(batch.Select(n => channel.DeclareQueueAsync(n, new QueueDeclaration(Durable: false))));
        }

        channel.Publish("", "q12345", Body("x"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var queues = await Broker.Admin.ListQueuesAsync("/");
        started.Stop();

        Assert.Equal(names, queues.Select(q => q.Name));
        Assert.Equal(1, queues.Single(q => q.Name == "q12345").Ready);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"Listing took {started.Elapsed}.");
    }
}
