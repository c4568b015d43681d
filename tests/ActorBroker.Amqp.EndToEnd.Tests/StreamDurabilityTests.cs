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

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}
