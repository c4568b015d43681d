namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Consume–transform–produce inside AMQP transactions, through RabbitMQ.Client.</summary>
public sealed class TransactionTests : NodeTest
{
    [Fact]
    public async Task A_commit_acks_the_input_and_publishes_its_outputs_together()
    {
        await DeclareQueueAsync("input");
        await DeclareQueueAsync("output");
        await Channel.BasicPublishAsync("", "input", Encoding.UTF8.GetBytes("order"));
        await using var worker = await Connection.CreateChannelAsync();
        await worker.TxSelectAsync();

        var input = await GetAsync(worker, "input");
        await worker.BasicPublishAsync("", "output", Encoding.UTF8.GetBytes("order, billed"));
        await worker.BasicPublishAsync("", "output", Encoding.UTF8.GetBytes("order, shipped"));
        await worker.BasicAckAsync(input.DeliveryTag, multiple: false);
        Assert.Empty(await DrainAsync("output"));
        await worker.TxCommitAsync();

        Assert.Equal(["order, billed", "order, shipped"], await DrainAsync("output"));
        await worker.CloseAsync();
        Assert.Empty(await DrainAsync("input"));
    }

    [Fact]
    public async Task A_rollback_undoes_the_ack_and_the_outputs_and_the_input_comes_back_when_the_channel_closes()
    {
        await DeclareQueueAsync("input");
        await DeclareQueueAsync("output");
        await Channel.BasicPublishAsync("", "input", Encoding.UTF8.GetBytes("order"));
        await using var worker = await Connection.CreateChannelAsync();
        await worker.TxSelectAsync();

        var input = await GetAsync(worker, "input");
        await worker.BasicPublishAsync("", "output", Encoding.UTF8.GetBytes("order, billed"));
        await worker.BasicAckAsync(input.DeliveryTag, multiple: false);
        await worker.TxRollbackAsync();
        await worker.TxCommitAsync();
        await worker.CloseAsync();

        Assert.Empty(await DrainAsync("output"));
        Assert.Equal(["order"], await DrainAsync("input"));
    }

    [Fact]
    public async Task A_commit_that_acks_deliveries_of_two_queues_still_takes_effect()
    {
        await DeclareQueueAsync("left");
        await DeclareQueueAsync("right");
        await DeclareQueueAsync("output");
        await Channel.BasicPublishAsync("", "left", Encoding.UTF8.GetBytes("l"));
        await Channel.BasicPublishAsync("", "right", Encoding.UTF8.GetBytes("r"));
        await using var worker = await Connection.CreateChannelAsync();
        await worker.TxSelectAsync();

        var left = await GetAsync(worker, "left");
        var right = await GetAsync(worker, "right");
        await worker.BasicPublishAsync("", "output", Encoding.UTF8.GetBytes("joined"));
        await worker.BasicAckAsync(right.DeliveryTag, multiple: true);
        await worker.TxCommitAsync();
        await worker.CloseAsync();

        Assert.Equal(["joined"], await DrainAsync("output"));
        Assert.Empty(await DrainAsync("left"));
        Assert.Empty(await DrainAsync("right"));
        Assert.NotEqual(left.DeliveryTag, right.DeliveryTag);
    }

    private static async Task<BasicGetResult> GetAsync(IChannel channel, string queue) =>
        await channel.BasicGetAsync(queue, autoAck: false) ?? throw new InvalidOperationException($"Queue '{queue}' is empty.");
}
