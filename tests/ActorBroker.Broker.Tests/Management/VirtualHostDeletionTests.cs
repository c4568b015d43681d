using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Tests.Client;

namespace ActorBroker.Broker.Tests.Management;

public sealed class VirtualHostDeletionTests : BrokerSpec
{
    [Fact]
    public async Task Virtual_hosts_are_listed_by_name()
    {
        await Broker.AddVirtualHostAsync("staging");
        await Broker.AddVirtualHostAsync("prod");

        Assert.Equal(["/", "prod", "staging"], await Broker.Admin.ListVirtualHostsAsync());
    }

    [Fact]
    public async Task Deleting_a_virtual_host_removes_its_queues_and_closes_its_connections_with_the_reason()
    {
        await Broker.AddVirtualHostAsync("staging");
        var connection = await Broker.ConnectAsync("staging");
        var closed = new TaskCompletionSource<string>();
        connection.ClosedByBroker += (_, e) => closed.TrySetResult(e.Reason);
        var channel = await connection.CreateChannelAsync();
        await channel.DeclareQueueAsync("orders");
        await channel.ConsumeAsync("orders", _ => { });

        await Broker.Admin.DeleteVirtualHostAsync("staging");

        Assert.Contains("'staging' was deleted", await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.False(channel.IsOpen);
        Assert.Equal(["/"], await Broker.Admin.ListVirtualHostsAsync());
        var listing = await Assert.ThrowsAsync<BrokerException>(() => Broker.Admin.ListQueuesAsync("staging"));
        Assert.Equal(BrokerErrorCode.NotFound, listing.Code);
        var connecting = await Assert.ThrowsAsync<BrokerException>(() => Broker.ConnectAsync("staging"));
        Assert.Equal(BrokerErrorCode.NotFound, connecting.Code);
    }

    [Fact]
    public async Task Deleting_a_virtual_host_leaves_the_others_alone()
    {
        await Broker.AddVirtualHostAsync("staging");
        var kept = await OpenChannelAsync();
        await kept.DeclareQueueAsync("kept");
        var other = await OpenChannelAsync(await Broker.ConnectAsync("staging"));
        await other.DeclareQueueAsync("gone");

        await Broker.Admin.DeleteVirtualHostAsync("staging");

        Assert.True(kept.IsOpen);
        Assert.Equal("kept", Assert.Single(await Broker.Admin.ListQueuesAsync("/")).Name);
    }

    [Fact]
    public async Task A_deleted_virtual_host_can_be_added_again_and_starts_empty()
    {
        await Broker.AddVirtualHostAsync("staging");
        var channel = await OpenChannelAsync(await Broker.ConnectAsync("staging"));
        await channel.DeclareQueueAsync("orders");
        await Broker.Admin.DeleteVirtualHostAsync("staging");

        await Broker.AddVirtualHostAsync("staging");

        Assert.Empty(await Broker.Admin.ListQueuesAsync("staging"));
    }

    [Fact]
    public async Task Deleting_an_unknown_virtual_host_fails_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerException>(() => Broker.Admin.DeleteVirtualHostAsync("nowhere"));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }
}
