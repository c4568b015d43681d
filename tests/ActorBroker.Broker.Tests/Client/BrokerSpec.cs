using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using Akka.Actor;
using Akka.TestKit;

namespace ActorBroker.Broker.Tests.Client;

/// <summary>A test kit with a broker in its actor system and helpers to drive it through the public API.</summary>
public abstract class BrokerSpec : Akka.TestKit.Xunit2.TestKit
{
    protected BrokerSpec(BrokerOptions? options = null) => Broker = MessageBroker.Start(Sys, options);

    protected MessageBroker Broker { get; }

    protected static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Body.Span);

    protected async Task<BrokerChannel> OpenChannelAsync(BrokerConnection? connection = null)
    {
        connection ??= await Broker.ConnectAsync();
        return await connection.CreateChannelAsync();
    }

    /// <summary>A consumer whose deliveries arrive at a fresh probe.</summary>
    protected async Task<(TestProbe Probe, string Tag)> ConsumeToProbeAsync(BrokerChannel channel, string queue, ConsumeOptions? options = null)
    {
        var probe = CreateTestProbe();
        var tag = await channel.ConsumeAsync(queue, d => probe.Ref.Tell(d), options);
        return (probe, tag);
    }

    protected static async Task<string> DeclareWithDeadLetterQueueAsync(BrokerChannel channel, string queue, Headers? extra = null)
    {
        await channel.DeclareQueueAsync(queue + ".dlq");
        var arguments = new Headers(extra ?? [])
        {
            ["x-dead-letter-exchange"] = string.Empty,
            ["x-dead-letter-routing-key"] = queue + ".dlq",
        };
        await channel.DeclareQueueAsync(queue, new QueueDeclaration(Arguments: arguments));
        return queue + ".dlq";
    }

    // Generous: the whole suite shares two cores in CI, and a passing probe returns as soon as its condition holds.
    private static readonly TimeSpan s_eventually = TimeSpan.FromSeconds(15);

    /// <summary>Waits (with a timeout, never a sleep) until a get on the queue returns a message.</summary>
    protected static async Task<Delivery> GetEventuallyAsync(BrokerChannel channel, string queue, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? s_eventually);
        while (true)
        {
            var result = await channel.GetAsync(queue, autoAck: true);
            if (result.Delivery is { } delivery)
            {
                return delivery;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue '{queue}' stayed empty.");
            }

            // Barrier on the queue: the next get is answered only after messages already on their way.
            await channel.GetQueueInfoAsync(queue);
        }
    }

    /// <summary>Waits (with a timeout) until the queue's info satisfies <paramref name="condition"/>.</summary>
    protected static async Task<QueueInfo> InfoEventuallyAsync(BrokerChannel channel, string queue, Func<QueueInfo, bool> condition)
    {
        var deadline = DateTime.UtcNow + s_eventually;
        while (true)
        {
            var info = await channel.GetQueueInfoAsync(queue);
            if (condition(info))
            {
                return info;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue '{queue}' never reached the expected state; last: {info.Counters}.");
            }
        }
    }

    protected static DeathRecord Death(Delivery delivery) =>
        DeathHistory.Latest(delivery.Message) ?? throw new InvalidOperationException("The message has no x-death history.");

    protected static IActorRef QueueActor(BrokerChannel channel, string queue) =>
        channel.Connection.Host.RequireQueue(queue, channel.Connection.Id).Actor;
}
