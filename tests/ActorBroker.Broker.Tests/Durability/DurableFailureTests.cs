using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableFailureTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_journal_write_failure_nacks_the_publisher_and_the_queue_keeps_serving()
    {
        FaultyJournal? journal = null;
        await using var node = await DurableNode.StartAsync(_file.Path, wrap: store => journal = new FaultyJournal(store));
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("fragile");
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("before"), s_persistent));

        journal!.Broken = true;
        Assert.False(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("during"), s_persistent));
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("transient")));

        journal.Broken = false;
        Assert.True(await channel.PublishAsync("", "fragile", Encoding.UTF8.GetBytes("after"), s_persistent));
        var bodies = new List<string>();
        while ((await channel.GetAsync("fragile", autoAck: true)).Delivery is { } delivery)
        {
            bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
        }

        // The nacked message stays in memory (the publisher was told it may be lost, not that it is).
        Assert.Equal(["before", "during", "transient", "after"], bodies);
    }
}
