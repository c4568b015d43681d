using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class ConsumerPriorityTests : NodeTest
{
    [Fact]
    public async Task The_high_priority_consumer_gets_the_first_message_and_the_low_one_what_its_prefetch_leaves()
    {
        await DeclareQueueAsync("prioritised");
        await using var highChannel = await Connection.CreateChannelAsync();
        await highChannel.BasicQosAsync(0, 1, global: false);
        var high = new Received(highChannel);
        var low = new Received(Channel);
        await Channel.BasicConsumeAsync("prioritised", autoAck: false, consumerTag: "low", noLocal: false, exclusive: false, Priority(0), low.Consumer);
        await highChannel.BasicConsumeAsync("prioritised", autoAck: false, consumerTag: "high", noLocal: false, exclusive: false, Priority(10), high.Consumer);

        await Channel.BasicPublishAsync("", "prioritised", Encoding.UTF8.GetBytes("first"));
        await Channel.BasicPublishAsync("", "prioritised", Encoding.UTF8.GetBytes("second"));

        Assert.Equal("first", Encoding.UTF8.GetString((await high.NextAsync()).Body.Span));
        Assert.Equal("second", Encoding.UTF8.GetString((await low.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task A_non_integer_priority_is_refused_with_precondition_failed()
    {
        await DeclareQueueAsync("badly-prioritised");
        var arguments = new Dictionary<string, object?> { ["x-priority"] = "high" };

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.BasicConsumeAsync(
            "badly-prioritised", autoAck: false, consumerTag: "", noLocal: false, exclusive: false, arguments, new Received(Channel).Consumer));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("x-priority", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Priority(int priority) => new() { ["x-priority"] = priority };
}
