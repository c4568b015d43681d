using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Tests.Durability;

namespace ActorBroker.Broker.Tests.Policies;

public sealed class DurablePolicyTests : IDisposable
{
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Policies_survive_a_restart_and_apply_to_recovered_queues_declared_before_them()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("orders");
            await node.Broker.Policies.SetAsync("/", new Policy("gone", ".*", PolicyTarget.Queues, 9, new Headers { ["max-length"] = 100 }));
            await node.Broker.Policies.SetAsync("/", new Policy("limits", "^orders$", PolicyTarget.Queues, 1, new Headers
            {
                ["max-length"] = 1,
                ["overflow"] = "reject-publish",
            }));
            await node.Broker.Policies.ClearAsync("/", "gone");
            Assert.True(await channel.PublishAsync("", "orders", "before"u8.ToArray()));
            Assert.True(await channel.PublishAsync("", "orders", "still accepted: the running queue keeps its arguments"u8.ToArray()));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        var policy = Assert.Single(await restarted.Broker.Policies.ListAsync("/"));
        Assert.Equal(("limits", "^orders$", 1), (policy.Name, policy.Pattern, policy.Priority));
        var again = await restarted.OpenChannelAsync();
        await again.PurgeQueueAsync("orders");
        Assert.True(await again.PublishAsync("", "orders", "first"u8.ToArray()));
        Assert.False(await again.PublishAsync("", "orders", "over the policy's limit"u8.ToArray()));
    }

    [Fact]
    public async Task Deleting_a_virtual_host_deletes_its_policies_so_a_new_host_of_that_name_starts_without_them()
    {
        await using (var node = await DurableNode.StartAsync(_file.Path))
        {
            await node.Broker.AddVirtualHostAsync("tenant");
            await node.Broker.Policies.SetAsync("tenant", new Policy("ttl", ".*", PolicyTarget.Queues, 0, new Headers { ["message-ttl"] = 60_000 }));
            await node.Broker.Admin.DeleteVirtualHostAsync("tenant");
            await node.Broker.AddVirtualHostAsync("tenant");
            Assert.Empty(await node.Broker.Policies.ListAsync("tenant"));
        }

        await using var restarted = await DurableNode.StartAsync(_file.Path);
        await restarted.Broker.AddVirtualHostAsync("tenant");
        Assert.Empty(await restarted.Broker.Policies.ListAsync("tenant"));
    }
}
