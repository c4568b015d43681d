using ActorBroker.Amqp.Framing;
using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class ConsumerTests : NodeTest
{
    [Fact]
    public async Task Basic_recover_redelivers_unacked_messages_flagged_as_redelivered()
    {
        // RabbitMQ.Client 7 has no basic.recover, so this speaks the protocol directly.
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();
        await raw.SendAsync(RawAmqpClient.Method(1, new QueueDeclare { Queue = "recovered", Nowait = true }));
        await raw.SendAsync(RawAmqpClient.Publish(1, "recovered", "again"u8.ToArray()));
        await raw.SendAsync(RawAmqpClient.Method(1, new BasicConsume { Queue = "recovered", ConsumerTag = "c", Nowait = true }));
        Assert.False((await NextDeliverAsync(raw)).Redelivered);

        await raw.SendAsync(RawAmqpClient.Method(1, new BasicRecover { Requeue = true }));

        Assert.True((await NextDeliverAsync(raw)).Redelivered);
    }

    [Fact]
    public async Task A_global_prefetch_limits_the_channel_across_its_consumers()
    {
        await DeclareQueueAsync("g1");
        await DeclareQueueAsync("g2");
        await Channel.BasicQosAsync(0, 1, global: true);
        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("g1", autoAck: false, received.Consumer);
        await Channel.BasicConsumeAsync("g2", autoAck: false, received.Consumer);

        await Channel.BasicPublishAsync("", "g1", Encoding.UTF8.GetBytes("a"));
        await Channel.BasicPublishAsync("", "g2", Encoding.UTF8.GetBytes("b"));
        var first = await received.NextAsync();
        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));

        await Channel.BasicAckAsync(first.DeliveryTag, multiple: false);
        Assert.NotEqual(first.RoutingKey, (await received.NextAsync()).RoutingKey);
    }

    [Fact]
    public async Task A_cancelled_consumer_gets_no_more_deliveries_but_can_still_ack_what_it_has()
    {
        await DeclareQueueAsync("cancelled");
        await Channel.BasicPublishAsync("", "cancelled", Encoding.UTF8.GetBytes("held"));
        var received = new Received(Channel);
        var tag = await Channel.BasicConsumeAsync("cancelled", autoAck: false, received.Consumer);
        var held = await received.NextAsync();

        await Channel.BasicCancelAsync(tag);
        await Channel.BasicPublishAsync("", "cancelled", Encoding.UTF8.GetBytes("later"));
        await Channel.BasicAckAsync(held.DeliveryTag, multiple: false);

        Assert.True(await received.StaysQuietAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(["later"], await DrainAsync("cancelled"));
        Assert.True(Channel.IsOpen);
    }

    [Fact]
    public async Task Nack_multiple_requeues_every_delivery_up_to_the_tag()
    {
        await DeclareQueueAsync("nacked");
        for (var i = 0; i < 3; i++)
        {
            await Channel.BasicPublishAsync("", "nacked", Encoding.UTF8.GetBytes($"m{i}"));
        }

        var received = new Received(Channel);
        var tag = await Channel.BasicConsumeAsync("nacked", autoAck: false, received.Consumer);
        await received.NextAsync();
        await received.NextAsync();
        var third = await received.NextAsync();
        await Channel.BasicCancelAsync(tag);

        await Channel.BasicNackAsync(third.DeliveryTag, multiple: true, requeue: true);

        Assert.Equal(["m0", "m1", "m2"], await DrainAsync("nacked"));
    }

    [Fact]
    public async Task A_consumer_without_a_tag_is_given_a_server_generated_one()
    {
        await DeclareQueueAsync("tagless");

        var tag = await Channel.BasicConsumeAsync("tagless", autoAck: true, new AsyncEventingBasicConsumer(Channel));

        Assert.StartsWith("amq.ctag-", tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exclusive_consumer_keeps_other_consumers_off_its_queue()
    {
        await DeclareQueueAsync("solo");
        await Channel.BasicConsumeAsync("solo", autoAck: true, "first", noLocal: false, exclusive: true, arguments: null, new AsyncEventingBasicConsumer(Channel));
        await using var other = await Connection.CreateChannelAsync();

        var error = await Assert.ThrowsAsync<RabbitMQ.Client.Exceptions.OperationInterruptedException>(
            () => other.BasicConsumeAsync("solo", autoAck: true, new AsyncEventingBasicConsumer(other)));

        Assert.Equal(403, error.ShutdownReason!.ReplyCode);
    }

    [Fact]
    public async Task A_priority_queue_hands_out_higher_priority_messages_first()
    {
        await DeclareQueueAsync("prioritised", new Dictionary<string, object?> { ["x-max-priority"] = 10 });
        await Channel.BasicPublishAsync("", "prioritised", false, new RabbitMQ.Client.BasicProperties { Priority = 1 }, Encoding.UTF8.GetBytes("low"));
        await Channel.BasicPublishAsync("", "prioritised", false, new RabbitMQ.Client.BasicProperties { Priority = 9 }, Encoding.UTF8.GetBytes("high"));

        Assert.Equal(["high", "low"], await DrainAsync("prioritised"));
    }

    private static async Task<BasicDeliver> NextDeliverAsync(RawAmqpClient raw)
    {
        while (await raw.ReadFrameAsync() is { } frame)
        {
            if (frame.Type == FrameType.Method && AmqpMethods.ReadId(frame.Payload) == AmqpMethodId.BasicDeliver)
            {
                return BasicDeliver.Read(frame.Payload.AsSpan(AmqpMethods.IdSize));
            }
        }

        throw new InvalidOperationException("The server closed the connection before a delivery.");
    }
}
