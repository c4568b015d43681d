using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>A stream on the journal plugin across node restarts: its log, its offsets and what retention dropped.</summary>
public sealed class StreamDurabilityTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("actorbroker-e2e-stream-");

    private string JournalPath => Path.Combine(_dataDirectory.FullName, "journal.db");

    private static CreateChannelOptions Confirms => new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    [Fact]
    public async Task Confirmed_messages_and_their_offsets_survive_a_restart_and_new_ones_continue_the_offsets()
    {
        // An index saved every 4 entries: the restart reads the index and the entries after it, the rest from the journal.
        await using (var node = await DurableBrokerNode.StartAsync(JournalPath, snapshotEvery: 4))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            await StreamClient.DeclareAsync(channel, "events");
            await StreamClient.PublishAsync(channel, "events", [.. Enumerable.Range(0, 10).Select(i => $"m{i}")]);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(JournalPath, snapshotEvery: 4))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            Assert.Equal(10u, (await channel.QueueDeclarePassiveAsync("events")).MessageCount);
            await StreamClient.PublishAsync(channel, "events", "m10");

            var fromTwo = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(connection, "events", 2L), 9);

            Assert.Equal(Enumerable.Range(2, 9).Select(i => ((long)i, $"m{i}")), fromTwo);
        }
    }

    [Fact]
    public async Task Messages_published_together_share_chunks_and_any_offset_reads_back_in_order_after_a_restart()
    {
        // Publishes in flight together are written as chunks of many messages; a small tail sends reads to the journal,
        // and 10,000 messages put marks in the index, so a read from the middle starts at a mark before it.
        var options = BrokerOptions.Default with { QueueInMemoryMessages = 16 };
        const int count = 10_000;
        await using (var node = await DurableBrokerNode.StartAsync(JournalPath, options, snapshotEvery: 3))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            await StreamClient.DeclareAsync(channel, "events");
            for (var batch = 0; batch < count; batch += 500)
            {
                await Task.WhenAll(Enumerable.Range(batch, 500).Select(i =>
                    channel.BasicPublishAsync("", "events", true, new BasicProperties(), Encoding.UTF8.GetBytes($"m{i}")).AsTask())).WaitAsync(BrokerNode.Timeout);
            }
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(JournalPath, options, snapshotEvery: 3))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            Assert.Equal((uint)count, (await channel.QueueDeclarePassiveAsync("events")).MessageCount);
            await StreamClient.PublishAsync(channel, "events", $"m{count}");

            var fromMiddle = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(connection, "events", 6_123L, prefetch: 1000), count + 1 - 6_123);
            var fromFirst = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(connection, "events", "first", prefetch: 1000), 50);

            Assert.Equal(Enumerable.Range(6_123, count + 1 - 6_123).Select(i => ((long)i, $"m{i}")), fromMiddle);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => ((long)i, $"m{i}")), fromFirst);
        }
    }

    [Fact]
    public async Task Segments_retention_dropped_stay_dropped_after_a_restart()
    {
        await using (var node = await DurableBrokerNode.StartAsync(JournalPath, snapshotEvery: 4))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            // Ten-byte bodies, two to a segment, at most 40 bytes kept.
            await StreamClient.DeclareAsync(channel, "events", ("x-max-length-bytes", 40L), ("x-stream-max-segment-size-bytes", 20L));
            await StreamClient.PublishAsync(channel, "events", [.. Enumerable.Range(0, 11).Select(i => $"message-{i:D2}")]);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(JournalPath, snapshotEvery: 4))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var kept = (int)(await channel.QueueDeclarePassiveAsync("events")).MessageCount;

            var read = await StreamClient.TakeAsync(await StreamClient.ConsumeAsync(connection, "events", "first"), kept);

            Assert.InRange(kept, 3, 5);
            Assert.Equal(Enumerable.Range(11 - kept, kept).Select(i => ((long)i, $"message-{i:D2}")), read);
        }
    }

    [Fact]
    public async Task A_consumer_group_resumes_after_a_restart_right_after_its_committed_offset()
    {
        var group = new Dictionary<string, object?> { ["x-consumer-group"] = "billing" };
        await using (var node = await DurableBrokerNode.StartAsync(JournalPath))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(Confirms);
            await StreamClient.DeclareAsync(channel, "events");
            await StreamClient.PublishAsync(channel, "events", [.. Enumerable.Range(0, 10).Select(i => $"m{i}")]);
            await using var member = await connection.CreateChannelAsync();
            await member.BasicQosAsync(0, 4, false);
            var received = new Received(member);
            await member.BasicConsumeAsync("events", autoAck: false, "", noLocal: false, exclusive: false, group, received.Consumer);
            await StreamClient.TakeAsync(received, 4);
            await WaitForCommittedAsync(node, 4);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(JournalPath))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var member = await connection.CreateChannelAsync();
            await member.BasicQosAsync(0, 10, false);
            var received = new Received(member);
            await member.BasicConsumeAsync("events", autoAck: false, "", noLocal: false, exclusive: false, group, received.Consumer);

            Assert.Equal(Enumerable.Range(4, 6).Select(i => ((long)i, $"m{i}")), await StreamClient.TakeAsync(received, 6));
        }
    }

    /// <summary>Acks travel without an answer: polls the group until its committed offset is durable.</summary>
    private static async Task WaitForCommittedAsync(DurableBrokerNode node, long offset)
    {
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        while ((await node.Broker.Admin.ListConsumerGroupsAsync("/", "events")).Single().CommittedOffset < offset)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the group's committed offset did not reach {offset}");
        }
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}
