using Akka.Actor;

namespace ActorBroker.Client.Tests.Embedded;

/// <summary>A consumer actor acks its input and publishes its outputs in one broker transaction.</summary>
public class TransactionTests : EmbeddedSpec
{
    [Fact]
    public async Task Acking_with_outputs_puts_every_output_in_its_queue_and_takes_the_input_away_together()
    {
        await Client.DeclareQueueAsync("inputs");
        await Client.DeclareQueueAsync("totals");
        await Client.DeclareQueueAsync("audit");
        var probe = CreateTestProbe();
        await Client.SubscribeAsync("inputs", Props.Create(() => new TransformingConsumer(probe, d => d.AckWith(
            new PublishMessage("", "totals", d.Body, new MessageProperties { CorrelationId = d.Properties.MessageId }),
            new PublishMessage("", "audit", d.Body)))));

        await Client.PublishAsync("", "inputs", Body("7"), new MessageProperties { MessageId = "in-1" });

        Assert.Equal(new TransactionCommitted(probe.ExpectMsg<BrokerDelivery>().DeliveryTag), probe.ExpectMsg<TransactionCommitted>());
        var total = await Client.GetAsync("totals", autoAck: true);
        Assert.Equal(("7", "in-1"), (Text(total!), total!.Properties.CorrelationId));
        Assert.Equal("7", Text((await Client.GetAsync("audit", autoAck: true))!));
        Assert.Null(await Client.GetAsync("inputs"));
    }

    [Fact]
    public async Task An_output_to_a_delayed_exchange_fails_the_transaction_and_the_input_comes_back_with_nothing_published()
    {
        await Client.DeclareQueueAsync("inputs");
        await Client.DeclareQueueAsync("later");
        await Client.DeclareExchangeAsync("delayed", new ExchangeOptions("x-delayed-message", Arguments: new Dictionary<string, object?> { ["x-delayed-type"] = "fanout" }));
        await Client.BindQueueAsync("later", "delayed", "");
        var probe = CreateTestProbe();
        await Client.SubscribeAsync("inputs", Props.Create(() => new TransformingConsumer(probe, d => d.Redelivered
            ? d.Ack()
            : d.AckWith(new PublishMessage("delayed", "", d.Body)))));

        await Client.PublishAsync("", "inputs", Body("x"));

        var first = probe.ExpectMsg<BrokerDelivery>();
        var failed = probe.ExpectMsg<TransactionFailed>();
        Assert.Equal((first.DeliveryTag, 540), (failed.DeliveryTag, failed.Code));
        Assert.True(probe.ExpectMsg<BrokerDelivery>().Redelivered);
        Assert.Null(await Client.GetAsync("later"));
    }

    /// <summary>Answers each delivery as told and tells the probe each delivery and each transaction's outcome.</summary>
    private sealed class TransformingConsumer : ReceiveActor
    {
        public TransformingConsumer(IActorRef probe, Func<BrokerDelivery, object> answer)
        {
            Receive<BrokerDelivery>(delivery =>
            {
                probe.Tell(delivery);
                Sender.Tell(answer(delivery));
            });
            Receive<TransactionCommitted>(committed => probe.Tell(committed));
            Receive<TransactionFailed>(failed => probe.Tell(failed));
        }
    }
}
