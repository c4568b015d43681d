using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Client;

public class DeadLetteringTests : BrokerSpec
{
    private readonly ManualClock _clock;

    public DeadLetteringTests()
        : this(new ManualClock())
    {
    }

    private DeadLetteringTests(ManualClock clock)
        : base(new BrokerOptions { Clock = clock }) => _clock = clock;

    [Fact]
    public async Task A_rejected_message_goes_to_the_dead_letter_queue_with_its_history()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "work");
        channel.Publish("", "work", Body("bad"));
        var got = (await channel.GetAsync("work")).Delivery!;

        got.Reject(requeue: false);

        var dead = await GetEventuallyAsync(channel, dlq);
        var death = Death(dead);
        Assert.Equal(("bad", "rejected", "work", "", "work", 1L), (Text(dead), death.Reason, death.Queue, death.Exchange, death.RoutingKey, death.Count));
        Assert.Equal(dlq, dead.RoutingKey);
    }

    [Fact]
    public async Task An_expired_message_goes_to_the_dead_letter_queue_with_reason_expired()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "ttl", new Headers { ["x-message-ttl"] = 1000 });
        channel.Publish("", "ttl", Body("stale"));
        await channel.WaitForConfirmsAsync();

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True((await channel.GetAsync("ttl")).IsEmpty);
        Assert.Equal("expired", Death(await GetEventuallyAsync(channel, dlq)).Reason);
    }

    [Fact]
    public async Task Per_message_expiration_expires_only_that_message()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "mixed");
        channel.Publish("", "mixed", Body("short"), new BasicProperties { Expiration = TimeSpan.FromSeconds(1) });
        channel.Publish("", "mixed", Body("forever"));
        await channel.WaitForConfirmsAsync();

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("forever", Text((await channel.GetAsync("mixed", autoAck: true)).Delivery!));
        var dead = await GetEventuallyAsync(channel, dlq);
        Assert.Equal(("short", "expired"), (Text(dead), Death(dead).Reason));
        Assert.Null(dead.Properties.Expiration);
    }

    [Fact]
    public async Task Drop_head_overflow_dead_letters_the_oldest_with_reason_maxlen()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "bounded", new Headers { ["x-max-length"] = 2 });

        channel.Publish("", "bounded", Body("1"));
        channel.Publish("", "bounded", Body("2"));
        channel.Publish("", "bounded", Body("3"));

        var dead = await GetEventuallyAsync(channel, dlq);
        Assert.Equal(("1", "maxlen"), (Text(dead), Death(dead).Reason));
        Assert.Equal(2, (await channel.GetQueueInfoAsync("bounded")).Ready);
    }

    [Fact]
    public async Task Reject_publish_dlx_refuses_and_dead_letters_the_new_message()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "full", new Headers { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish-dlx" });
        await channel.PublishAsync("", "full", Body("kept"));

        Assert.False(await channel.PublishAsync("", "full", Body("refused")));

        Assert.Equal("refused", Text(await GetEventuallyAsync(channel, dlq)));
    }

    [Fact]
    public async Task A_message_over_its_delivery_limit_is_dead_lettered_with_reason_delivery_limit()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "limited", new Headers { ["x-delivery-limit"] = 2 });
        channel.Publish("", "limited", Body("poison"));

        for (var i = 1; i <= 2; i++)
        {
            await InfoEventuallyAsync(channel, "limited", info => info.Ready == 1);
            var got = (await channel.GetAsync("limited")).Delivery!;
            Assert.Equal(i, got.DeliveryCount);
            got.Nack(requeue: true);
        }

        Assert.Equal("delivery_limit", Death(await GetEventuallyAsync(channel, dlq)).Reason);
    }

    [Fact]
    public async Task Dead_lettered_messages_can_be_redriven_to_their_source_queue()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "jobs");
        channel.Publish("", "jobs", Body("retry me"));
        (await channel.GetAsync("jobs")).Delivery!.Reject();
        await InfoEventuallyAsync(channel, dlq, info => info.Ready == 1);

        var moved = await channel.RedriveAsync(dlq);

        Assert.Equal(1, moved);
        var back = await GetEventuallyAsync(channel, "jobs");
        Assert.Equal(("retry me", "jobs"), (Text(back), back.RoutingKey));
        Assert.Equal(0, (await channel.GetQueueInfoAsync(dlq)).Ready);
    }

    [Fact]
    public async Task Redrive_can_move_messages_to_any_queue()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("parked");
        await channel.DeclareQueueAsync("elsewhere");
        channel.Publish("", "parked", Body("a"));
        channel.Publish("", "parked", Body("b"));

        Assert.Equal(2, await channel.RedriveAsync("parked", "elsewhere"));
        Assert.Equal(["a", "b"], (await channel.PeekAsync("elsewhere", 10)).Select(p => p.Message.BodyText()));
    }

    [Fact]
    public async Task Without_a_dead_letter_exchange_a_rejected_message_is_dropped()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("plain");
        channel.Publish("", "plain", Body("x"));

        (await channel.GetAsync("plain")).Delivery!.Reject();

        var info = await InfoEventuallyAsync(channel, "plain", i => i.Counters.DeadLettered == 1);
        Assert.Equal((0, 0), (info.Ready, info.Unacked));
    }
}
