namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class DurabilityTests : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("actorbroker-e2e-");

    [Fact]
    public async Task A_confirmed_persistent_message_in_a_durable_queue_survives_a_node_restart()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false);
            var properties = new BasicProperties { Persistent = true, MessageId = "m-1" };
            await channel.BasicPublishAsync("", "kept", true, properties, Encoding.UTF8.GetBytes("on disk")).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var got = await channel.BasicGetAsync("kept", autoAck: true);

            Assert.NotNull(got);
            Assert.Equal(("on disk", "m-1"), (Encoding.UTF8.GetString(got.Body.Span), got.BasicProperties.MessageId));
        }
    }

    [Fact]
    public async Task Header_types_survive_the_journal_and_a_node_restart()
    {
        var journal = Path.Combine(_dataDirectory.FullName, "journal.db");
        await using (var node = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await node.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync("typed", durable: true, exclusive: false, autoDelete: false);
            var properties = new BasicProperties { Persistent = true, Headers = EveryHeaderType.Table() };
            await channel.BasicPublishAsync("", "typed", true, properties, Encoding.UTF8.GetBytes("on disk")).AsTask().WaitAsync(BrokerNode.Timeout);
        }

        await using (var restarted = await DurableBrokerNode.StartAsync(journal))
        {
            await using var connection = await restarted.ConnectAsync();
            await using var channel = await connection.CreateChannelAsync();
            var got = await channel.BasicGetAsync("typed", autoAck: true);

            Assert.NotNull(got);
            EveryHeaderType.AssertKept(got.BasicProperties.Headers!);
        }
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);
}
