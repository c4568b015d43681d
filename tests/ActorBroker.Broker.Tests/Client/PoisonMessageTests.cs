using System.Runtime.CompilerServices;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using Akka.Actor;

namespace ActorBroker.Broker.Tests.Client;

public class PoisonMessageTests : BrokerSpec
{
    private readonly StrongBox<int> _crashes;

    public PoisonMessageTests()
        : this(new StrongBox<int>())
    {
    }

    private PoisonMessageTests(StrongBox<int> crashes)
        : base(new BrokerOptions
        {
            MaxQueueCrashes = 3,
            ConsumerRetry = new ConsumerRetryPolicy(MaxAttempts: 3, InitialBackoff: TimeSpan.FromMilliseconds(10)),
            OnEnqueue = (queue, message) => CrashOnPoison(crashes, queue, message),
        }) => _crashes = crashes;

    [Fact]
    public async Task A_message_that_keeps_crashing_its_queue_is_dead_lettered_with_reason_crash_and_the_queue_lives_on()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "fragile");
        await channel.PublishAsync("", "fragile", Body("before"));
        var unacked = (await channel.GetAsync("fragile")).Delivery!;
        await channel.PublishAsync("", "fragile", Body("kept"));

        Assert.True(await channel.PublishAsync("", "fragile", Body("poison")));

        var dead = await GetEventuallyAsync(channel, dlq);
        Assert.Equal(("poison", "crash", "fragile"), (Text(dead), Death(dead).Reason, Death(dead).Queue));
        Assert.Equal(3, _crashes.Value);
        var info = await channel.GetQueueInfoAsync("fragile");
        Assert.Equal((1, 1), (info.Ready, info.Unacked));
        unacked.Ack();
        Assert.Equal("kept", Text((await channel.GetAsync("fragile", autoAck: true)).Delivery!));
    }

    [Fact]
    public async Task A_consumer_actor_that_throws_gets_the_message_retried_then_dead_lettered_with_the_exception()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "jobs");
        var attempts = CreateTestProbe("attempts");
        await channel.ConsumeAsync("jobs", Props.Create(() => new FailingConsumer(attempts.Ref)));

        channel.Publish("", "jobs", Body("boom"));

        Assert.Equal([1, 2, 3], attempts.ReceiveN(3).Cast<int>());
        var dead = await GetEventuallyAsync(channel, dlq);
        Assert.Equal(("boom", "crash"), (Text(dead), Death(dead).Reason));
        Assert.Equal(("System.InvalidOperationException", "consumer bug"), (dead.Properties.Headers!["x-exception-type"].AsString(), dead.Properties.Headers!["x-exception-message"].AsString()));
    }

    [Fact]
    public async Task A_consumer_callback_that_keeps_throwing_dead_letters_the_message_with_its_exception_message_cut_short()
    {
        var channel = await OpenChannelAsync();
        var dlq = await DeclareWithDeadLetterQueueAsync(channel, "verbose");
        await channel.ConsumeAsync("verbose", _ => throw new ArgumentException(new string('x', 5000)));

        channel.Publish("", "verbose", Body("long"));

        var dead = await GetEventuallyAsync(channel, dlq);
        var message = dead.Properties.Headers!["x-exception-message"].AsString();
        Assert.Equal(("System.ArgumentException", 1024), (dead.Properties.Headers!["x-exception-type"].AsString(), message.Length));
        Assert.StartsWith("xxxx", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_callback_that_throws_gets_the_message_retried_and_can_succeed()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("flaky");
        var probe = CreateTestProbe();
        await channel.ConsumeAsync("flaky", d =>
        {
            if (d.DeliveryCount < 2)
            {
                throw new InvalidOperationException("first try fails");
            }

            probe.Ref.Tell(d);
            d.Ack();
        });

        channel.Publish("", "flaky", Body("eventually"));

        var delivered = probe.ExpectMsg<Delivery>();
        Assert.Equal((2, true), (delivered.DeliveryCount, delivered.Redelivered));
    }

    private static void CrashOnPoison(StrongBox<int> crashes, string queue, Message message)
    {
        if (queue == "fragile" && message.Body.Span.SequenceEqual("poison"u8))
        {
            Interlocked.Increment(ref crashes.Value);
            throw new InvalidOperationException("The queue cannot digest this message.");
        }
    }

    private sealed class FailingConsumer(IActorRef attempts) : ActorBase
    {
        protected override bool Receive(object message)
        {
            var delivery = (Delivery)message;
            attempts.Tell(delivery.DeliveryCount);
            throw new InvalidOperationException("consumer bug");
        }
    }
}
