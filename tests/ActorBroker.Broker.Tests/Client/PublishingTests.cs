using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Tests.Client;

public class PublishingTests : BrokerSpec
{
    [Fact]
    public async Task A_confirmed_publish_completes_once_the_queues_accepted_it()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("a");
        await channel.DeclareQueueAsync("b");
        await channel.BindQueueAsync("a", "amq.fanout", "");
        await channel.BindQueueAsync("b", "amq.fanout", "");

        Assert.True(await channel.PublishAsync("amq.fanout", "", Body("x")));
        Assert.Equal(1, (await channel.GetQueueInfoAsync("a")).Ready);
        Assert.Equal(1, (await channel.GetQueueInfoAsync("b")).Ready);
    }

    [Fact]
    public async Task A_full_reject_publish_queue_refuses_the_confirm()
    {
        var channel = await OpenChannelAsync();
        var arguments = new Headers { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" };
        await channel.DeclareQueueAsync("small", new QueueDeclaration(Arguments: arguments));

        Assert.True(await channel.PublishAsync("", "small", Body("1")));
        Assert.False(await channel.PublishAsync("", "small", Body("2")));
    }

    [Fact]
    public async Task Wait_for_confirms_covers_earlier_fire_and_forget_publishes()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        for (var i = 0; i < 100; i++)
        {
            channel.Publish("", "q", Body("m"));
        }

        Assert.True(await channel.WaitForConfirmsAsync());
        Assert.Equal(100, (await channel.PeekAsync("q", 1000)).Count);
    }

    [Fact]
    public async Task An_unroutable_mandatory_message_is_returned_to_its_publisher()
    {
        var channel = await OpenChannelAsync();
        MessageReturnedEventArgs? returned = null;
        channel.MessageReturned += (_, e) => returned = e;

        Assert.False(channel.Publish("amq.direct", "nowhere", Body("lost?"), mandatory: true));

        Assert.Equal((BrokerErrorCode.NoRoute, "nowhere"), (returned!.ReplyCode, returned.Message.RoutingKey));
        Assert.False(channel.Publish("amq.direct", "nowhere", Body("dropped")));
    }

    [Fact]
    public async Task Publishing_to_a_missing_exchange_fails_with_not_found()
    {
        var channel = await OpenChannelAsync();

        var error = Assert.Throws<BrokerException>(() => channel.Publish("missing", "k", Body("x")));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Topic_and_exchange_to_exchange_bindings_route_through_the_api()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareExchangeAsync("events", ExchangeType.Topic);
        await channel.DeclareExchangeAsync("audit", ExchangeType.Fanout);
        await channel.DeclareQueueAsync("eu-orders");
        await channel.DeclareQueueAsync("all-audit");
        await channel.BindQueueAsync("eu-orders", "events", "orders.eu.*");
        await channel.BindExchangeAsync("audit", "events", "#");
        await channel.BindQueueAsync("all-audit", "audit", "");

        channel.Publish("events", "orders.eu.created", Body("1"));
        channel.Publish("events", "orders.us.created", Body("2"));
        await channel.WaitForConfirmsAsync();

        Assert.Equal(1, (await channel.GetQueueInfoAsync("eu-orders")).Ready);
        Assert.Equal(2, (await channel.GetQueueInfoAsync("all-audit")).Ready);
    }

    [Fact]
    public async Task Headers_exchange_routes_by_message_headers()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("pdf");
        await channel.BindQueueAsync("pdf", "amq.headers", "", new Headers { ["format"] = "pdf" });

        channel.Publish("amq.headers", "", Body("doc"), new BasicProperties { Headers = new Headers { ["format"] = "pdf" } });
        channel.Publish("amq.headers", "", Body("img"), new BasicProperties { Headers = new Headers { ["format"] = "png" } });
        await channel.WaitForConfirmsAsync();

        Assert.Equal(1, (await channel.GetQueueInfoAsync("pdf")).Ready);
    }

    [Fact]
    public async Task Unbinding_stops_routing_and_exchange_declarations_are_checked()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        await channel.BindQueueAsync("q", "amq.direct", "k");
        await channel.UnbindQueueAsync("q", "amq.direct", "k");

        Assert.False(channel.Publish("amq.direct", "k", Body("x")));
        await channel.DeclareExchangeAsync("e", ExchangeType.Direct);
        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareExchangeAsync("e", ExchangeType.Fanout));
        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);
        await channel.DeclareExchangePassiveAsync("e");
        await channel.DeleteExchangeAsync("e");
        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareExchangePassiveAsync("e"))).Code);
    }
}
