using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Tests.Client;

public class ChannelClosedTests : BrokerSpec
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Acking_a_delivery_twice_raises_Closed_with_the_precondition_failure()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        var (probe, _) = await ConsumeToProbeAsync(channel, "q");
        channel.Publish("", "q", Body("m"));
        var delivery = probe.ExpectMsg<Delivery>();
        var closed = ClosedAsync(channel);

        channel.Ack(delivery.DeliveryTag);
        channel.Ack(delivery.DeliveryTag);

        var reason = await closed;
        Assert.Equal(BrokerErrorCode.PreconditionFailed, reason.Code);
        Assert.Same(channel.CloseReason, reason);
        Assert.False(channel.IsOpen);
    }

    [Fact]
    public async Task Closing_a_channel_by_the_caller_does_not_raise_Closed()
    {
        var channel = await OpenChannelAsync();
        var raised = false;
        channel.Closed += (_, _) => raised = true;

        await channel.CloseAsync();

        Assert.False(channel.IsOpen);
        Assert.False(raised);
    }

    private static Task<BrokerException> ClosedAsync(BrokerChannel channel)
    {
        var closed = new TaskCompletionSource<BrokerException>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.Closed += (_, e) => closed.TrySetResult(e.Reason);
        return closed.Task.WaitAsync(s_timeout);
    }
}
