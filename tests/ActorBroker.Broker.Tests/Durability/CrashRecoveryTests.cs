using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>
/// A delivery goes out before its record is committed, so after a crash the broker cannot tell which recovered
/// messages were delivered: it flags them all. A test cannot lose the records a crash loses, so it restarts with
/// <c>RecoveredAfterCrash</c> set, as the node does when the previous run did not stop cleanly.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task After_a_crash_every_recovered_message_comes_back_flagged_redelivered_even_one_never_delivered()
    {
        await PublishAsync("before crash");

        await using var restarted = await DurableNode.StartAsync(_file.Path, afterCrash: true);
        var delivery = (await (await restarted.OpenChannelAsync()).GetAsync("work", autoAck: true)).Delivery!;
        Assert.Equal(("before crash", true, 2), (Text(delivery), delivery.Redelivered, delivery.DeliveryCount));
    }

    [Fact]
    public async Task A_clean_stop_after_a_crash_keeps_the_crash_flags_and_flags_no_message_published_since()
    {
        await PublishAsync("before crash");
        await using (var afterCrash = await DurableNode.StartAsync(_file.Path, afterCrash: true))
        {
            Assert.True(await (await afterCrash.OpenChannelAsync()).PublishAsync("", "work", Body("after crash"), s_persistent));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var channel = await restarted.OpenChannelAsync();
        var first = (await channel.GetAsync("work", autoAck: true)).Delivery!;
        var second = (await channel.GetAsync("work", autoAck: true)).Delivery!;
        Assert.Equal(("before crash", true), (Text(first), first.Redelivered));
        Assert.Equal(("after crash", false), (Text(second), second.Redelivered));
    }

    [Fact]
    public async Task After_a_clean_stop_a_message_never_delivered_comes_back_unflagged()
    {
        await PublishAsync("never delivered");

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var delivery = (await (await restarted.OpenChannelAsync()).GetAsync("work", autoAck: true)).Delivery!;
        Assert.Equal(("never delivered", false, 1), (Text(delivery), delivery.Redelivered, delivery.DeliveryCount));
    }

    private async Task PublishAsync(string text)
    {
        await using var node = await DurableNode.StartAsync(_file.Path);
        var channel = await node.OpenChannelAsync();
        await channel.DeclareQueueAsync("work");
        Assert.True(await channel.PublishAsync("", "work", Body(text), s_persistent));
    }

    private static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(Delivery delivery) => Encoding.UTF8.GetString(delivery.Body.Span);
}
