using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class PublishingTests : NodeTest
{
    [Fact]
    public async Task Publisher_confirms_acknowledge_every_publish()
    {
        await DeclareQueueAsync("confirmed");
        await using var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

        for (var i = 0; i < 50; i++)
        {
            await confirming.BasicPublishAsync("", "confirmed", Encoding.UTF8.GetBytes($"m{i}")).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        Assert.Equal(50, (await DrainAsync("confirmed")).Count);
    }

    [Fact]
    public async Task A_publish_refused_by_a_full_reject_publish_queue_is_nacked()
    {
        await DeclareQueueAsync("bounded", new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" });
        await using var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await confirming.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("fits"));

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("refused")).AsTask().WaitAsync(BrokerNode.Timeout));
    }

    [Fact]
    public async Task An_unroutable_mandatory_message_is_returned_to_its_publisher()
    {
        var returned = new TaskCompletionSource<BasicReturnEventArgs>();
        Channel.BasicReturnAsync += (_, e) =>
        {
            returned.TrySetResult(e);
            return Task.CompletedTask;
        };

        await Channel.BasicPublishAsync("amq.direct", "nobody-listens", mandatory: true, new BasicProperties { MessageId = "lost" }, Encoding.UTF8.GetBytes("ping"));
        var e = await returned.Task.WaitAsync(BrokerNode.Timeout);

        Assert.Equal((312, "NO_ROUTE", "amq.direct", "nobody-listens", "lost"), (e.ReplyCode, e.ReplyText, e.Exchange, e.RoutingKey, e.BasicProperties.MessageId));
    }

    [Fact]
    public async Task A_committed_transaction_delivers_its_publishes()
    {
        await DeclareQueueAsync("tx");
        await Channel.TxSelectAsync();
        await Channel.BasicPublishAsync("", "tx", Encoding.UTF8.GetBytes("a"));
        await Channel.BasicPublishAsync("", "tx", Encoding.UTF8.GetBytes("b"));
        Assert.Empty(await PeekCountAsync("tx"));

        await Channel.TxCommitAsync();

        Assert.Equal(["a", "b"], await DrainAsync("tx"));
    }

    [Fact]
    public async Task A_rolled_back_transaction_discards_its_publishes_and_acks()
    {
        await DeclareQueueAsync("tx-ack");
        await Channel.BasicPublishAsync("", "tx-ack", Encoding.UTF8.GetBytes("kept"));
        var got = await GetAsync("tx-ack", autoAck: false);
        await Channel.TxSelectAsync();
        await Channel.BasicAckAsync(got.DeliveryTag, multiple: false);
        await Channel.BasicPublishAsync("", "tx-ack", Encoding.UTF8.GetBytes("dropped"));

        await Channel.TxRollbackAsync();
        await Channel.TxCommitAsync();
        await Channel.CloseAsync();

        // The queue takes back a closed channel's unacked deliveries asynchronously; poll until it has.
        await using var other = await Connection.CreateChannelAsync();
        var redelivered = await GetAsync(other, "tx-ack");
        Assert.True(redelivered.Redelivered);
        Assert.Equal("kept", Encoding.UTF8.GetString(redelivered.Body.Span));
        Assert.Null(await other.BasicGetAsync("tx-ack", autoAck: true));
    }

    private async Task<List<string>> PeekCountAsync(string queue)
    {
        await using var other = await Connection.CreateChannelAsync();
        var declared = await other.QueueDeclarePassiveAsync(queue);
        return Enumerable.Repeat("x", (int)declared.MessageCount).ToList();
    }
}
