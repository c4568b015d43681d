using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Sqlite;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class DurableVirtualHostTests : IDisposable
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task An_added_virtual_host_comes_back_after_a_restart_with_its_durable_queue_and_messages()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            await node.Broker.AddVirtualHostAsync("staging");
            var channel = await (await node.Broker.ConnectAsync("staging")).CreateChannelAsync();
            await channel.DeclareQueueAsync("orders");
            Assert.True(await channel.PublishAsync("", "orders", Encoding.UTF8.GetBytes("first"), s_persistent));
            Assert.True(await channel.PublishAsync("", "orders", Encoding.UTF8.GetBytes("second"), s_persistent));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);

        Assert.Equal(["/", "staging"], await restarted.Broker.Admin.ListVirtualHostsAsync());
        var again = await (await restarted.Broker.ConnectAsync("staging")).CreateChannelAsync();
        Assert.Equal("first", Encoding.UTF8.GetString((await again.GetAsync("orders", autoAck: true)).Delivery!.Body.Span));
        Assert.Equal("second", Encoding.UTF8.GetString((await again.GetAsync("orders", autoAck: true)).Delivery!.Body.Span));
    }

    [Fact]
    public async Task A_journal_in_the_layout_before_the_persistent_actors_is_refused_with_what_to_do()
    {
        await using (var journal = new SqliteJournal(new SqliteJournalOptions(_file.Path)))
        {
            await journal.InitializeAsync();
            var added = new VirtualHostRecord.VirtualHostAdded("/").Encode();
            await journal.WriteAsync([new AtomicWrite("broker:vhosts", new JournalEvent(1, VirtualHostRecord.Manifest, added, DateTimeOffset.UtcNow))]);
        }

        var error = await Assert.ThrowsAsync<BrokerException>(() => DurableNode.StartAsync(_file.Path));

        Assert.Contains("layout of ActorBroker before 2026-12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_messages_in_the_layout_before_queues_were_persistent_actors_are_refused_with_what_to_do()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("orders");
            Assert.True(await channel.PublishAsync("", "orders", Encoding.UTF8.GetBytes("kept"), new BasicProperties { DeliveryMode = DeliveryMode.Persistent }));
        }

        // The same queue's messages as the broker's own journal layer wrote them, under the former id.
        DurableNode.ExecuteSql(_file.Path, "UPDATE journal SET persistence_id = 'queue:' || substr(persistence_id, 7) WHERE persistence_id LIKE 'queue/%'");

        var error = await Assert.ThrowsAsync<BrokerException>(() => DurableNode.StartAsync(_file.Path));

        Assert.Contains("queue 'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("before its queues became persistent actors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_virtual_host_stays_deleted_after_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            await node.Broker.AddVirtualHostAsync("staging");
            await node.Broker.Admin.DeleteVirtualHostAsync("staging");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);

        Assert.Equal(["/"], await restarted.Broker.Admin.ListVirtualHostsAsync());
        var refused = await Assert.ThrowsAsync<BrokerException>(() => restarted.Broker.ConnectAsync("staging"));
        Assert.Equal(BrokerErrorCode.NotFound, refused.Code);
    }

    [Fact]
    public async Task The_default_virtual_host_is_created_on_the_first_start_only_so_a_deleted_one_stays_deleted()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            Assert.Equal([MessageBroker.DefaultVirtualHost], await node.Broker.Admin.ListVirtualHostsAsync());
            await node.Broker.AddVirtualHostAsync("staging");
            await node.Broker.Admin.DeleteVirtualHostAsync(MessageBroker.DefaultVirtualHost);
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);

        Assert.Equal(["staging"], await restarted.Broker.Admin.ListVirtualHostsAsync());
    }
}
