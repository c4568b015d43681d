using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Durability;

namespace ActorBroker.Broker.Tests.Management;

public sealed class DurableVirtualHostDeletionTests : IDisposable
{
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Durable_queues_exchanges_and_bindings_of_a_deleted_virtual_host_do_not_come_back_after_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            await node.Broker.AddVirtualHostAsync("staging");
            var channel = await (await node.Broker.ConnectAsync("staging")).CreateChannelAsync();
            await channel.DeclareQueueAsync("orders");
            await channel.DeclareExchangeAsync("events", ExchangeType.Topic);
            await channel.BindQueueAsync("orders", "events", "order.#");
            await channel.BindExchangeAsync("amq.fanout", "amq.direct", "all");

            await node.Broker.Admin.DeleteVirtualHostAsync("staging");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        await restarted.Broker.AddVirtualHostAsync("staging");

        Assert.Empty(await restarted.Broker.Admin.ListQueuesAsync("staging"));
        Assert.DoesNotContain(await restarted.Broker.Admin.ListExchangesAsync("staging"), e => e.Name == "events");
        Assert.Empty(await restarted.Broker.Admin.ListBindingsAsync("staging"));
    }

    [Fact]
    public async Task Durable_queues_of_other_virtual_hosts_survive_the_deletion_and_a_restart()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            await node.Broker.AddVirtualHostAsync("staging");
            await (await node.OpenChannelAsync()).DeclareQueueAsync("kept");
            await (await (await node.Broker.ConnectAsync("staging")).CreateChannelAsync()).DeclareQueueAsync("gone");

            await node.Broker.Admin.DeleteVirtualHostAsync("staging");
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);

        Assert.Equal("kept", Assert.Single(await restarted.Broker.Admin.ListQueuesAsync("/")).Name);
    }
}
