using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>RabbitMQ's direct reply-to: an opaque address per requesting channel, no queue behind it.</summary>
public sealed class DirectReplyToTests : NodeTest
{
    private const string PseudoQueue = "amq.rabbitmq.reply-to";

    private async Task<(IChannel Requester, Received Replies, string Address, string ConsumerTag)> RequestAsync(string correlationId)
    {
        await DeclareQueueAsync("rpc");
        var requester = await Connection.CreateChannelAsync();
        var replies = new Received(requester);
        var tag = await requester.BasicConsumeAsync(PseudoQueue, autoAck: true, replies.Consumer);
        await requester.BasicPublishAsync("", "rpc", false, new BasicProperties { ReplyTo = PseudoQueue, CorrelationId = correlationId }, Encoding.UTF8.GetBytes("ping"));
        var request = await GetAsync("rpc");
        return (requester, replies, request.BasicProperties.ReplyTo!, tag);
    }

    [Fact]
    public async Task A_reply_to_the_rewritten_address_goes_straight_to_the_requesting_channel_without_a_queue()
    {
        var (requester, replies, address, _) = await RequestAsync("c-1");
        await using var responder = await Node.ConnectAsync();
        await using var responderChannel = await responder.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        await responderChannel.BasicPublishAsync("", address, true, new BasicProperties { CorrelationId = "c-1" }, Encoding.UTF8.GetBytes("pong")).AsTask().WaitAsync(BrokerNode.Timeout);
        var reply = await replies.NextAsync();

        Assert.StartsWith(PseudoQueue + ".", address, StringComparison.Ordinal);
        Assert.True(address.Length > PseudoQueue.Length + 16, address);
        Assert.Equal(("pong", "c-1", "", address), (Encoding.UTF8.GetString(reply.Body.Span), reply.BasicProperties.CorrelationId, reply.Exchange, reply.RoutingKey));
        Assert.Equal(["rpc"], (await Node.Broker.Admin.ListQueuesAsync("/")).Select(q => q.Name));
        await requester.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_to_a_requester_that_is_gone_is_dropped_confirmed_and_returned_when_mandatory()
    {
        var (requester, _, address, _) = await RequestAsync("c-2");
        await requester.CloseAsync();
        var returned = new TaskCompletionSource<BasicReturnEventArgs>();
        await using var responder = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        responder.BasicReturnAsync += (_, e) =>
        {
            returned.TrySetResult(e);
            return Task.CompletedTask;
        };

        await responder.BasicPublishAsync("", address, false, new BasicProperties(), Encoding.UTF8.GetBytes("dropped")).AsTask().WaitAsync(BrokerNode.Timeout);
        var refused = await Assert.ThrowsAnyAsync<PublishException>(() => responder.BasicPublishAsync("", address, true, new BasicProperties(), Encoding.UTF8.GetBytes("returned")).AsTask().WaitAsync(BrokerNode.Timeout));

        Assert.True(refused.IsReturn);
        Assert.Equal(312, (await returned.Task.WaitAsync(BrokerNode.Timeout)).ReplyCode);
        Assert.True(responder.IsOpen);
    }

    [Fact]
    public async Task A_channel_that_has_not_consumed_replies_cannot_ask_for_them_and_replies_need_no_ack()
    {
        await DeclareQueueAsync("rpc");
        await using var withoutConsumer = await Connection.CreateChannelAsync();
        var publish = await Assert.ThrowsAnyAsync<OperationInterruptedException>(async () =>
        {
            await withoutConsumer.BasicPublishAsync("", "rpc", false, new BasicProperties { ReplyTo = PseudoQueue }, Encoding.UTF8.GetBytes("ping"));
            await withoutConsumer.QueueDeclarePassiveAsync("rpc");
        });
        await using var acking = await Connection.CreateChannelAsync();
        var consume = await Assert.ThrowsAsync<OperationInterruptedException>(() => acking.BasicConsumeAsync(PseudoQueue, autoAck: false, new Received(acking).Consumer));

        Assert.Equal(406, publish.ShutdownReason!.ReplyCode);
        Assert.Contains("fast reply consumer does not exist", publish.ShutdownReason.ReplyText, StringComparison.Ordinal);
        Assert.Equal(406, consume.ShutdownReason!.ReplyCode);
        Assert.Contains("reply consumer cannot acknowledge", consume.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_reply_consumer_on_one_channel_is_406()
    {
        var (requester, _, _, _) = await RequestAsync("c-3");

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => requester.BasicConsumeAsync(PseudoQueue, autoAck: true, new Received(requester).Consumer));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("reply consumer already set", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
        await requester.DisposeAsync();
    }

    [Fact]
    public async Task A_cancelled_reply_consumer_takes_no_more_replies()
    {
        var (requester, replies, address, tag) = await RequestAsync("c-4");
        await using var responder = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await responder.BasicPublishAsync("", address, true, new BasicProperties(), Encoding.UTF8.GetBytes("taken")).AsTask().WaitAsync(BrokerNode.Timeout);
        Assert.Equal("taken", Encoding.UTF8.GetString((await replies.NextAsync()).Body.Span));

        await requester.BasicCancelAsync(tag);
        var refused = await Assert.ThrowsAnyAsync<PublishException>(() => responder.BasicPublishAsync("", address, true, new BasicProperties(), Encoding.UTF8.GetBytes("late")).AsTask().WaitAsync(BrokerNode.Timeout));

        Assert.True(refused.IsReturn);
        await requester.DisposeAsync();
    }
}
