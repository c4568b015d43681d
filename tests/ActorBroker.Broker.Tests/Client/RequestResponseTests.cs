using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Client;

public class RequestResponseTests : BrokerSpec
{
    [Fact]
    public async Task A_request_gets_the_reply_correlated_to_it()
    {
        var server = await OpenChannelAsync();
        await server.DeclareQueueAsync("rpc");
        await server.ConsumeAsync("rpc", d => server.Reply(d, Body("pong:" + Text(d))), new ConsumeOptions(AutoAck: true));
        var client = await OpenChannelAsync();

        var reply = await client.RequestAsync("", "rpc", Body("ping"), TimeSpan.FromSeconds(3));

        Assert.Equal("pong:ping", Text(reply));
        Assert.NotNull(reply.Properties.CorrelationId);
    }

    [Fact]
    public async Task A_request_without_reply_times_out_and_a_late_reply_is_dead_lettered()
    {
        var server = await OpenChannelAsync();
        await server.DeclareQueueAsync("slow");
        var client = await OpenChannelAsync();

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(
            () => client.RequestAsync("", "slow", Body("late"), TimeSpan.FromMilliseconds(100), new BasicProperties { CorrelationId = "req-1" }));
        Assert.Equal("req-1", error.CorrelationId);
        Assert.IsAssignableFrom<TimeoutException>(error);

        var request = (await server.GetAsync("slow", autoAck: true)).Delivery!;
        server.Reply(request, Body("too late"));

        var unclaimed = await GetEventuallyAsync(server, BrokerChannel.UnclaimedRepliesQueue);
        Assert.Equal(("too late", "req-1"), (Text(unclaimed), unclaimed.Properties.CorrelationId));
        Assert.Equal("rejected", Death(unclaimed).Reason);
    }

    [Fact]
    public async Task Replying_to_a_message_without_reply_to_is_an_error()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("x"));
        var delivery = (await channel.GetAsync("q", autoAck: true)).Delivery!;

        Assert.Equal(BrokerErrorCode.InvalidArgument, Assert.Throws<BrokerException>(() => channel.Reply(delivery, Body("y"))).Code);
    }
}
