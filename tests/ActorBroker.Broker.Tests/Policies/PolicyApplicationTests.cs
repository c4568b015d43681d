using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Client;

namespace ActorBroker.Broker.Tests.Policies;

public class PolicyApplicationTests : BrokerSpec
{
    private static Policy LengthLimit(string name, string pattern, long maxLength, int priority = 0) =>
        new(name, pattern, PolicyTarget.Queues, priority, new Headers { ["max-length"] = maxLength, ["overflow"] = "reject-publish" });

    private static async Task<int> AcceptedOfAsync(BrokerChannel channel, string queue, int publishes)
    {
        var accepted = 0;
        for (var i = 0; i < publishes; i++)
        {
            accepted += await channel.PublishAsync("", queue, Body($"m{i}")) ? 1 : 0;
        }

        return accepted;
    }

    [Fact]
    public async Task A_queue_declared_after_a_policy_takes_its_limits()
    {
        await Broker.Policies.SetAsync("/", LengthLimit("limits", "^limited\\.", 2));
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("limited.orders");
        await channel.DeclareQueueAsync("free.orders");

        Assert.Equal(2, await AcceptedOfAsync(channel, "limited.orders", 4));
        Assert.Equal(4, await AcceptedOfAsync(channel, "free.orders", 4));
    }

    [Fact]
    public async Task An_argument_given_at_declaration_wins_over_the_policy()
    {
        await Broker.Policies.SetAsync("/", LengthLimit("limits", ".*", 1));
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("orders", new QueueDeclaration(Arguments: new Headers { ["x-max-length"] = 3 }));

        Assert.Equal(3, await AcceptedOfAsync(channel, "orders", 5));
    }

    [Fact]
    public async Task Of_several_matching_policies_the_highest_priority_applies()
    {
        await Broker.Policies.SetAsync("/", LengthLimit("low", ".*", 1, priority: 1));
        await Broker.Policies.SetAsync("/", LengthLimit("high", "orders", 3, priority: 5));
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("orders");

        Assert.Equal("high", (await Broker.Policies.ForQueueAsync("/", "orders"))?.Name);
        Assert.Equal(3, await AcceptedOfAsync(channel, "orders", 5));
        Assert.Equal(["high", "low"], (await Broker.Policies.ListAsync("/")).Select(p => p.Name));
    }

    [Fact]
    public async Task A_policy_dead_letter_exchange_and_message_ttl_expire_messages_into_the_dead_letter_queue()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("expired");
        await Broker.Policies.SetAsync("/", new Policy("ttl", "^short$", PolicyTarget.All, 0, new Headers
        {
            ["message-ttl"] = 0,
            ["dead-letter-exchange"] = "",
            ["dead-letter-routing-key"] = "expired",
        }));
        await channel.DeclareQueueAsync("short");

        await channel.PublishAsync("", "short", Body("late"));

        Assert.Equal("late", Text(await GetEventuallyAsync(channel, "expired")));
    }

    [Fact]
    public async Task Setting_an_equivalent_policy_or_clearing_a_missing_one_changes_nothing()
    {
        Assert.True(await Broker.Policies.SetAsync("/", LengthLimit("limits", ".*", 2)));
        Assert.False(await Broker.Policies.SetAsync("/", LengthLimit("limits", ".*", 2)));
        Assert.True(await Broker.Policies.SetAsync("/", LengthLimit("limits", ".*", 3)));
        Assert.True(await Broker.Policies.ClearAsync("/", "limits"));
        Assert.False(await Broker.Policies.ClearAsync("/", "limits"));
        Assert.Empty(await Broker.Policies.ListAsync("/"));
    }

    [Fact]
    public async Task A_policy_for_a_missing_virtual_host_is_refused_with_not_found()
    {
        var error = await Assert.ThrowsAsync<BrokerException>(() => Broker.Policies.SetAsync("nowhere", LengthLimit("limits", ".*", 2)));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
    }
}
