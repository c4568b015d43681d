using ActorBroker.Client.Tests.Support;

namespace ActorBroker.Client.Tests.Embedded;

public class PublishingTests : EmbeddedSpec
{
    [Fact]
    public async Task Publishing_to_a_missing_exchange_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerClientException>(() => Client.PublishAsync("no-such-exchange", "key", Body("x")));

        Assert.Equal(404, error.Code);
    }

    [Fact]
    public async Task A_header_of_a_type_AMQP_cannot_carry_is_refused_with_a_clear_error_and_nothing_is_published()
    {
        await Client.DeclareQueueAsync("typed");
        var properties = new MessageProperties { Headers = new Dictionary<string, object?> { ["when"] = TimeSpan.FromSeconds(1) } };

        var error = await Assert.ThrowsAsync<BrokerClientException>(() => Client.PublishAsync("", "typed", Body("x"), properties));

        Assert.Equal((530, true), (error.Code, error.Message.Contains("'when'", StringComparison.Ordinal)));
        Assert.Null(await Client.GetAsync("typed"));
    }

    [Fact]
    public async Task Topology_declared_through_the_client_routes_messages()
    {
        await Client.DeclareExchangeAsync("events", new ExchangeOptions("topic"));
        var declared = await Client.DeclareQueueAsync("", new QueueOptions(Durable: false, Exclusive: true));
        await Client.BindQueueAsync(declared.Name, "events", "order.*");

        await Client.PublishJsonAsync("events", "order.created", new Question(7));
        await Client.PublishJsonAsync("events", "invoice.created", new Question(8));

        var got = await Eventually.GetAsync(Client, declared.Name);
        Assert.Equal((7, JsonBody.ContentType), (got.BodyAs<Question>().Number, got.Properties.ContentType));
        Assert.Equal(0, await Client.PurgeQueueAsync(declared.Name));
        await Client.UnbindQueueAsync(declared.Name, "events", "order.*");
        await Client.DeleteExchangeAsync("events");
        Assert.Equal(0, await Client.DeleteQueueAsync(declared.Name));
    }

    [Fact]
    public async Task An_unknown_exchange_type_is_refused()
    {
        var error = await Assert.ThrowsAsync<BrokerClientException>(() => Client.DeclareExchangeAsync("odd", new ExchangeOptions("x-unknown")));

        Assert.Equal(530, error.Code);
    }

    [Fact]
    public async Task A_get_taken_without_auto_ack_is_requeued_by_a_nack_settlement()
    {
        await Client.DeclareQueueAsync("pull");
        await Client.PublishAsync("", "pull", Body("p"));

        var first = await Client.GetAsync("pull");
        Client.Settle(first!.Nack(requeue: true));

        var again = await Eventually.GetAsync(Client, "pull");
        Assert.Equal(("p", true), (Text(again), again.Redelivered));
    }

    [Fact]
    public async Task A_publisher_actor_with_a_small_window_confirms_every_message_to_its_sender_and_publishes_them_in_order()
    {
        await Client.DeclareQueueAsync("stream-in");
        var publisher = await Client.CreatePublisherAsync(window: 4);

        for (var i = 0; i < 50; i++)
        {
            publisher.Tell(new PublishMessage("", "stream-in", Body($"m{i}")), TestActor);
        }

        var confirms = ReceiveN(50).Cast<PublishConfirmed>().ToList();
        Assert.All(confirms, c => Assert.True(c.Accepted));
        Assert.Equal(50, confirms.Select(c => Text(c.Message.Body)).Distinct().Count());
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"m{i}", Text((await Client.GetAsync("stream-in", autoAck: true))!));
        }
    }

    [Fact]
    public async Task A_publisher_actor_reports_a_refused_publish_with_the_error()
    {
        var publisher = await Client.CreatePublisherAsync(window: 1);

        publisher.Tell(new PublishMessage("missing", "k", Body("x")), TestActor);

        var confirm = ExpectMsg<PublishConfirmed>();
        Assert.Equal((false, 404), (confirm.Accepted, confirm.Error!.Code));
    }
}
