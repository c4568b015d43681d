using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Super streams: an x-super-stream exchange with x-partitions streams behind it, routed by key.</summary>
public sealed class SuperStreamTests : NodeTest
{
    private Task DeclareAsync(string name, int partitions) =>
        Channel.ExchangeDeclareAsync(name, "x-super-stream", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-partitions"] = partitions });

    [Fact]
    public async Task Declaring_a_super_stream_makes_its_partition_streams_and_redeclaring_it_changes_nothing()
    {
        await DeclareAsync("orders", 3);
        await DeclareAsync("orders", 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0u, (await Channel.QueueDeclarePassiveAsync($"orders-{i}")).MessageCount);
        }

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.QueueDeclarePassiveAsync("orders-3"));
        Assert.Equal(404, error.ShutdownReason!.ReplyCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData("four")]
    public async Task A_super_stream_without_a_valid_partition_count_is_refused_with_406(object partitions)
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.ExchangeDeclareAsync(
            "orders", "x-super-stream", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-partitions"] = partitions }));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("x-partitions", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_key_goes_to_one_partition_in_publish_order_and_keys_spread_over_the_partitions()
    {
        await DeclareAsync("orders", 4);
        await using var publisher = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var keys = Enumerable.Range(0, 20).Select(k => $"customer-{k}").ToList();
        for (var round = 0; round < 5; round++)
        {
            foreach (var key in keys)
            {
                await publisher.BasicPublishAsync("orders", key, true, new BasicProperties(), Encoding.UTF8.GetBytes($"{key}/{round}")).AsTask().WaitAsync(BrokerNode.Timeout);
            }
        }

        var partitionOfKey = new Dictionary<string, int>();
        var total = 0;
        for (var i = 0; i < 4; i++)
        {
            var count = (int)(await Channel.QueueDeclarePassiveAsync($"orders-{i}")).MessageCount;
            total += count;
            var read = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(Connection, $"orders-{i}", "first"), count);
            foreach (var group in read.Select(r => r.Body.Split('/')).GroupBy(parts => parts[0]))
            {
                Assert.True(partitionOfKey.TryAdd(group.Key, i), $"key {group.Key} is in partitions {partitionOfKey.GetValueOrDefault(group.Key)} and {i}");
                Assert.Equal(["0", "1", "2", "3", "4"], group.Select(parts => parts[1]));
            }
        }

        Assert.Equal(100, total);
        Assert.Equal(keys.Count, partitionOfKey.Count);
        Assert.True(partitionOfKey.Values.Distinct().Count() > 1, "twenty keys all hashed to one partition");
    }

    [Fact]
    public async Task A_queue_that_is_not_a_stream_cannot_be_a_partition()
    {
        await DeclareQueueAsync("orders-1");

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => DeclareAsync("orders", 2));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("queue 'orders-1' exists and is not a stream", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_super_stream_deletes_its_partitions_and_their_messages()
    {
        await DeclareAsync("orders", 3);
        await using (var publisher = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await publisher.BasicPublishAsync("orders", "customer-1", true, new BasicProperties(), "first"u8.ToArray()).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await Channel.ExchangeDeleteAsync("orders");

        for (var i = 0; i < 3; i++)
        {
            await using var probe = await Connection.CreateChannelAsync();
            var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => probe.QueueDeclarePassiveAsync($"orders-{i}"));
            Assert.Equal(404, error.ShutdownReason!.ReplyCode);
        }

        // Declared again, it starts empty.
        await DeclareAsync("orders", 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(0u, (await Channel.QueueDeclarePassiveAsync($"orders-{i}")).MessageCount);
        }
    }

    [Fact]
    public async Task If_unused_keeps_a_super_stream_whose_partition_has_a_consumer()
    {
        await DeclareAsync("orders", 2);
        await StreamClient.ConsumeAsync(Connection, "orders-1", "first");

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.ExchangeDeleteAsync("orders", ifUnused: true));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Contains("Partition 'orders-1' of super stream 'orders' has 1 consumer(s)", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
        await using var probe = await Connection.CreateChannelAsync();
        await probe.ExchangeDeclarePassiveAsync("orders");
        await probe.QueueDeclarePassiveAsync("orders-0");
    }
}
