using ActorBroker.Amqp.EndToEnd.Tests.Support;
using ActorBroker.Amqp.Server;
using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class ConnectionRegistryTests : IAsyncLifetime
{
    private readonly BrokerNode _node = new();

    private AmqpConnectionRegistry Registry => _node.Listener.Connections;

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task A_connection_is_listed_with_its_client_provided_name_user_vhost_and_addresses()
    {
        await using var connection = await ConnectAsync("billing-worker");
        await using var channel = await connection.CreateChannelAsync();

        var listed = Assert.Single(Registry.ListConnections());

        Assert.Equal("billing-worker", listed.ClientProvidedName);
        Assert.Equal("/", listed.VirtualHost);
        Assert.Equal("guest", listed.User);
        Assert.Equal("running", listed.State);
        Assert.Equal(1, listed.Channels);
        Assert.Equal($"{listed.ClientAddress} -> 127.0.0.1:{_node.Port}", listed.Name);
        Assert.StartsWith("127.0.0.1:", listed.ClientAddress, StringComparison.Ordinal);
        Assert.Equal("RabbitMQ", listed.ClientProperties["product"].AsString());
        Assert.Equal(listed, Registry.FindConnection(listed.Name));
    }

    [Fact]
    public async Task A_connection_is_listed_as_soon_as_the_client_has_its_open_ok()
    {
        // A bare client: RabbitMQ.Client 7 returns from CreateConnectionAsync once it has sent connection.open.
        await using var client = await RawAmqpClient.ConnectAsync(_node.Port);

        await client.OpenConnectionAsync();

        Assert.Equal("running", Assert.Single(Registry.ListConnections()).State);
    }

    [Fact]
    public async Task Channels_are_listed_with_consumers_unacked_deliveries_prefetch_and_modes()
    {
        await using var connection = await ConnectAsync("worker");
        await using var plain = await connection.CreateChannelAsync();
        await using var consuming = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await consuming.BasicQosAsync(0, 10, global: false);
        await consuming.QueueDeclareAsync("jobs", durable: false, exclusive: false, autoDelete: false);
        var delivered = new TaskCompletionSource();
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, _) =>
        {
            delivered.TrySetResult();
            return Task.CompletedTask;
        };
        await consuming.BasicConsumeAsync("jobs", autoAck: false, consumer);
        await consuming.BasicPublishAsync("", "jobs", "job"u8.ToArray());
        await delivered.Task.WaitAsync(BrokerNode.Timeout);

        var channels = await Registry.ListChannelsAsync();

        Assert.Equal([plain.ChannelNumber, consuming.ChannelNumber], channels.Select(c => (int)c.Number));
        var busy = channels[1];
        Assert.Equal(1, busy.Consumers);
        Assert.Equal(1, busy.Unacknowledged);
        Assert.Equal(10, busy.Prefetch);
        Assert.True(busy.ConfirmMode);
        Assert.False(busy.Transactional);
        Assert.Equal(0, channels[0].Consumers);
        Assert.False(channels[0].ConfirmMode);
    }

    [Fact]
    public async Task A_consumer_of_the_broker_is_traced_to_its_connection_and_channel_number()
    {
        await using var connection = await ConnectAsync("worker");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("jobs", durable: false, exclusive: false, autoDelete: false);
        await channel.BasicConsumeAsync("jobs", autoAck: true, "jobs-consumer", new AsyncEventingBasicConsumer(channel));

        var consumer = Assert.Single(await _node.Broker.Admin.ListConsumersAsync("/"));

        Assert.Equal("jobs-consumer", consumer.ConsumerTag);
        Assert.True(Registry.TryFindChannel(consumer.ChannelId, out var name, out var number));
        Assert.Equal(Assert.Single(Registry.ListConnections()).Name, name);
        Assert.Equal(channel.ChannelNumber, number);
    }

    [Fact]
    public async Task Closing_a_connection_makes_the_client_see_connection_forced_with_the_reason()
    {
        await using var connection = await ConnectAsync("doomed");
        await using var channel = await connection.CreateChannelAsync();
        var shutdown = ShutdownOf(connection);

        Assert.True(Registry.TryClose(Assert.Single(Registry.ListConnections()).Name, "maintenance window"));

        var args = await shutdown.WaitAsync(BrokerNode.Timeout);
        Assert.Equal(320, args.ReplyCode);
        Assert.Equal("CONNECTION_FORCED - maintenance window", args.ReplyText);
    }

    [Fact]
    public async Task A_closed_connection_disappears_from_the_list()
    {
        var leaving = await ConnectAsync("leaving");
        await using var staying = await ConnectAsync("staying");
        await (await leaving.CreateChannelAsync()).DisposeAsync();
        await (await staying.CreateChannelAsync()).DisposeAsync();
        Assert.Equal(2, Registry.Count);

        await leaving.CloseAsync();
        await leaving.DisposeAsync();

        Assert.Equal("staying", Assert.Single(Registry.ListConnections()).ClientProvidedName);
        Assert.False(Registry.TryClose("nobody", "gone"));
    }

    [Fact]
    public async Task A_forced_close_removes_the_connection_from_the_list_once_it_has_ended()
    {
        await using var connection = await ConnectAsync("doomed");
        await using var channel = await connection.CreateChannelAsync();
        var shutdown = ShutdownOf(connection);
        Registry.TryClose(Assert.Single(Registry.ListConnections()).Name, "bye");
        await shutdown.WaitAsync(BrokerNode.Timeout);

        await WaitUntilAsync(() => Registry.Count == 0);

        Assert.Empty(Registry.ListConnections());
        Assert.Empty(await Registry.ListChannelsAsync());
    }

    [Fact]
    public async Task Deleting_the_default_virtual_host_closes_its_amqp_connections_with_connection_forced()
    {
        await using var connection = await ConnectAsync("app");
        await using var channel = await connection.CreateChannelAsync();
        var shutdown = ShutdownOf(connection);

        await _node.Broker.Admin.DeleteVirtualHostAsync("/");

        var args = await shutdown.WaitAsync(BrokerNode.Timeout);
        Assert.Equal(320, args.ReplyCode);
        Assert.Equal("CONNECTION_FORCED - virtual host '/' was deleted", args.ReplyText);
    }

    private Task<IConnection> ConnectAsync(string name) => _node.Factory().CreateConnectionAsync(name).WaitAsync(BrokerNode.Timeout);

    private static Task<ShutdownEventArgs> ShutdownOf(IConnection connection)
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    // The server ends a forced connection after the client's close-ok arrives, a moment after the client saw the close.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(BrokerNode.Timeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!condition())
        {
            await tick.WaitForNextTickAsync(timeout.Token);
        }
    }
}
