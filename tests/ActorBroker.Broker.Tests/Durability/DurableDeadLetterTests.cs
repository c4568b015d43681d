using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableDeadLetterTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_persistent_message_dead_lettered_between_durable_queues_is_in_the_target_once_after_a_restart_and_gone_from_the_source()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("parked");
            var arguments = new Headers { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "parked" };
            await channel.DeclareQueueAsync("work", new QueueDeclaration(Durable: true, Arguments: arguments));
            Assert.True(await channel.PublishAsync("", "work", Encoding.UTF8.GetBytes("poison"), s_persistent));
            var delivery = (await channel.GetAsync("work")).Delivery!;
            channel.Reject(delivery.DeliveryTag, requeue: false);
            await ReadyAsync(channel, "parked", 1);
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var again = await restarted.OpenChannelAsync();

        Assert.True((await again.GetAsync("work")).IsEmpty);
        var moved = await again.GetAsync("parked", autoAck: true);
        Assert.Equal("poison", Encoding.UTF8.GetString(moved.Delivery!.Body.Span));
        Assert.True((await again.GetAsync("parked")).IsEmpty);
    }

    private static async Task ReadyAsync(BrokerChannel channel, string queue, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await channel.GetQueueInfoAsync(queue)).Ready != count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
