using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>
/// Two nodes on one shared journal with owner fencing, the second recovering a queue the first still serves (a node
/// suspected wrongly, its queue adopted): the first node's queue is refused its next write, nacks it and stops, and
/// the second holds every message that was confirmed. A publish that reaches the stopping queue is refused too, not
/// left waiting for a write that will never be made.
/// </summary>
public sealed class FencedQueueTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private static readonly Config s_fencing = ConfigurationFactory.ParseString("""
        akka.persistence.journal.actorbroker.owner-fencing = on
        akka.persistence.snapshot-store.actorbroker.owner-fencing = on
        """);

    private readonly DurableTempFile _file = new();

    [Fact]
    public async Task A_queue_whose_journal_another_node_recovered_nacks_and_stops_and_the_other_holds_every_confirmed_message()
    {
        await using var former = await DurableNode.StartAsync(_file.Path, s_fencing, sharedJournalNode: "a");
        var formerChannel = await former.OpenChannelAsync();
        await formerChannel.DeclareQueueAsync("q", new QueueDeclaration(Durable: true));
        Assert.True(await formerChannel.PublishAsync("", "q", "before"u8.ToArray(), s_persistent));

        await using var current = await DurableNode.StartAsync(_file.Path, s_fencing, sharedJournalNode: "a").WaitAsync(s_timeout);
        await current.Broker.WaitForQueueRecoveryAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.False(await formerChannel.PublishAsync("", "q", "fenced"u8.ToArray(), s_persistent).WaitAsync(s_timeout));
        // Stopped, not recovered again (which would claim the queue back): later publishes are refused too.
        Assert.False(await formerChannel.PublishAsync("", "q", "after"u8.ToArray(), s_persistent).WaitAsync(s_timeout));
        var currentChannel = await current.OpenChannelAsync();
        Assert.True(await currentChannel.PublishAsync("", "q", "on the new owner"u8.ToArray(), s_persistent).WaitAsync(s_timeout));
        Assert.Equal(["before", "on the new owner"], await currentChannel.DrainAsync("q"));
    }

    [Fact]
    public async Task A_former_owner_reading_rows_of_the_queue_back_does_not_take_it_from_the_node_that_recovered_it()
    {
        await using var former = await DurableNode.StartAsync(_file.Path, s_fencing, sharedJournalNode: "a");
        var formerChannel = await former.OpenChannelAsync();
        await formerChannel.DeclareQueueAsync("q", new QueueDeclaration(Durable: true));
        Assert.True(await formerChannel.PublishAsync("", "q", "before"u8.ToArray(), s_persistent));
        var journal = (string)DurableNode.ExecuteSql(_file.Path, "SELECT persistence_id FROM journal_owners WHERE persistence_id LIKE '%/q/%'")!;

        await using var current = await DurableNode.StartAsync(_file.Path, s_fencing, sharedJournalNode: "a").WaitAsync(s_timeout);
        await current.Broker.WaitForQueueRecoveryAsync(CancellationToken.None).WaitAsync(s_timeout);
        // What a queue paging bodies in and a stream consumer behind the tail do: a read, not a recovery.
        Assert.NotEmpty(await JournalRangeReader.ReadAsync(former.System, journal, 1, long.MaxValue, s_timeout));

        var currentChannel = await current.OpenChannelAsync();
        Assert.True(await currentChannel.PublishAsync("", "q", "on the new owner"u8.ToArray(), s_persistent).WaitAsync(s_timeout));
        Assert.False(await formerChannel.PublishAsync("", "q", "fenced"u8.ToArray(), s_persistent).WaitAsync(s_timeout));
        Assert.Equal(["before", "on the new owner"], await currentChannel.DrainAsync("q"));
    }

    public void Dispose() => _file.Dispose();
}
