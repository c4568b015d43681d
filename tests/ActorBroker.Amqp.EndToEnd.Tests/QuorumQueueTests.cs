using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Quorum queues as RabbitMQ 3.10's clients observe them.</summary>
public sealed class QuorumQueueTests : NodeTest
{
    private static Dictionary<string, object?> Quorum(params (string Key, object? Value)[] more)
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        foreach (var (key, value) in more)
        {
            arguments[key] = value;
        }

        return arguments;
    }

    private Task<QueueDeclareOk> DeclareQuorumAsync(string name, params (string Key, object? Value)[] more) =>
        Channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, Quorum(more));

    [Fact]
    public async Task A_durable_quorum_queue_is_declared_and_redeclaring_it_without_its_type_is_406()
    {
        var declared = await Channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false, Quorum());
        await Channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false, Quorum());

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => Channel.QueueDeclareAsync("orders", durable: true, exclusive: false, autoDelete: false));

        Assert.Equal("orders", declared.QueueName);
        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
    }

    [Theory]
    [InlineData(false, false, false, "invalid property 'non-durable' for queue 'q' in vhost '/'")]
    [InlineData(true, true, false, "invalid property 'exclusive-owner' for queue 'q' in vhost '/'")]
    [InlineData(true, false, true, "invalid property 'auto-delete' for queue 'q' in vhost '/'")]
    public async Task What_RabbitMQ_refuses_on_a_quorum_queue_is_refused_with_its_code_and_words(bool durable, bool exclusive, bool autoDelete, string expected)
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => Channel.QueueDeclareAsync("q", durable, exclusive, autoDelete, Quorum()));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains(expected, error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-max-priority", 10)]
    [InlineData("x-queue-mode", "lazy")]
    public async Task Arguments_RabbitMQ_refuses_on_a_quorum_queue_are_refused_with_406(string argument, object value)
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => DeclareQuorumAsync("q", (argument, value)));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains($"invalid arg '{argument}' for queue 'q' in vhost '/'", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poison_message_is_dead_lettered_after_the_delivery_limit_and_redeliveries_carry_x_delivery_count()
    {
        await DeclareQueueAsync("poison");
        await DeclareQuorumAsync("jobs", ("x-delivery-limit", 2), ("x-dead-letter-exchange", ""), ("x-dead-letter-routing-key", "poison"));
        await Channel.BasicPublishAsync("", "jobs", Encoding.UTF8.GetBytes("bad"));

        var counts = new List<object?>();
        for (var delivery = 0; delivery < 3; delivery++)
        {
            var got = await GetAsync("jobs", autoAck: false);
            Assert.Equal(delivery > 0, got.Redelivered);
            counts.Add(got.BasicProperties.Headers?.TryGetValue("x-delivery-count", out var count) == true ? count : null);
            await Channel.BasicRejectAsync(got.DeliveryTag, requeue: true);
        }

        var dead = await GetAsync("poison");

        Assert.Equal([null, 1L, 2L], counts);
        var death = Assert.IsType<Dictionary<string, object?>>(Assert.Single(Assert.IsType<List<object?>>(dead.BasicProperties.Headers!["x-death"])));
        Assert.Equal("delivery_limit", Encoding.UTF8.GetString(Assert.IsType<byte[]>(death["reason"])));
        Assert.Null(await Channel.BasicGetAsync("jobs", autoAck: true));
    }

    [Fact]
    public async Task Reject_publish_nacks_a_publish_to_a_full_quorum_queue()
    {
        await DeclareQuorumAsync("bounded", ("x-max-length", 1), ("x-overflow", "reject-publish"));
        await using var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await confirming.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("fits")).AsTask().WaitAsync(BrokerNode.Timeout);

        await Assert.ThrowsAsync<PublishException>(() => confirming.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("refused")).AsTask().WaitAsync(BrokerNode.Timeout));
        Assert.Equal(["fits"], await DrainAsync("bounded"));
    }

    [Fact]
    public async Task Drop_head_dead_letters_the_oldest_message_of_a_full_quorum_queue()
    {
        await DeclareQueueAsync("dropped");
        await DeclareQuorumAsync("bounded", ("x-max-length", 1), ("x-overflow", "drop-head"), ("x-dead-letter-exchange", ""), ("x-dead-letter-routing-key", "dropped"));
        await Channel.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("old"));
        await Channel.BasicPublishAsync("", "bounded", Encoding.UTF8.GetBytes("new"));

        var dead = await GetAsync("dropped");

        Assert.Equal("old", Encoding.UTF8.GetString(dead.Body.Span));
        Assert.Equal(["new"], await DrainAsync("bounded"));
    }

    [Fact]
    public async Task Single_active_consumer_gives_every_message_to_one_consumer_until_it_goes()
    {
        await DeclareQuorumAsync("sac", ("x-single-active-consumer", true));
        await using var second = await Connection.CreateChannelAsync();
        var first = new Received(Channel);
        var standby = new Received(second);
        var firstTag = await Channel.BasicConsumeAsync("sac", autoAck: true, first.Consumer);
        await second.BasicConsumeAsync("sac", autoAck: true, standby.Consumer);

        await Channel.BasicPublishAsync("", "sac", Encoding.UTF8.GetBytes("m1"));
        await Channel.BasicPublishAsync("", "sac", Encoding.UTF8.GetBytes("m2"));
        Assert.Equal("m1", Encoding.UTF8.GetString((await first.NextAsync()).Body.Span));
        Assert.Equal("m2", Encoding.UTF8.GetString((await first.NextAsync()).Body.Span));
        await Channel.BasicCancelAsync(firstTag);
        await Channel.BasicPublishAsync("", "sac", Encoding.UTF8.GetBytes("m3"));

        Assert.Equal("m3", Encoding.UTF8.GetString((await standby.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task An_at_least_once_dead_letter_waits_until_its_dead_letter_queue_has_room()
    {
        await DeclareQueueAsync("full", new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" });
        await DeclareQuorumAsync("source", ("x-overflow", "reject-publish"), ("x-dead-letter-strategy", "at-least-once"), ("x-dead-letter-exchange", ""), ("x-dead-letter-routing-key", "full"));
        await Channel.BasicPublishAsync("", "full", Encoding.UTF8.GetBytes("occupant"));
        await Channel.BasicPublishAsync("", "source", Encoding.UTF8.GetBytes("dead"));
        var got = await GetAsync("source", autoAck: false);
        await Channel.BasicRejectAsync(got.DeliveryTag, requeue: false);
        Assert.Equal("occupant", Encoding.UTF8.GetString((await GetAsync("full")).Body.Span));

        var dead = await GetAsync("full");

        Assert.Equal("dead", Encoding.UTF8.GetString(dead.Body.Span));
    }

    [Fact]
    public async Task An_unknown_dead_letter_strategy_is_refused_with_406()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => DeclareQuorumAsync("q", ("x-dead-letter-strategy", "exactly-once")));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
    }
}
