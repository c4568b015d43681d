using ActorBroker.Tests.Shared;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class VirtualHostTests : IAsyncLifetime
{
    private readonly BrokerNode _node = new();

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task A_client_opens_an_added_virtual_host_and_its_messages_stay_there()
    {
        await _node.Broker.AddVirtualHostAsync("staging");
        var factory = _node.Factory();
        factory.VirtualHost = "staging";
        await using var connection = await factory.CreateConnectionAsync().WaitAsync(BrokerNode.Timeout);
        await using var channel = await connection.CreateChannelAsync();

        await channel.QueueDeclareAsync("orders", durable: false, exclusive: false, autoDelete: false);
        await channel.BasicPublishAsync("", "orders", Encoding.UTF8.GetBytes("in staging"));
        var got = await channel.BasicGetAsync("orders", autoAck: true);

        Assert.Equal("in staging", Encoding.UTF8.GetString(got!.Body.Span));
        Assert.Empty(await _node.Broker.Admin.ListQueuesAsync("/"));
    }

    [Fact]
    public async Task Opening_a_virtual_host_that_does_not_exist_is_refused_with_not_allowed_naming_it()
    {
        var factory = _node.Factory();
        factory.VirtualHost = "nowhere";

        var refusal = await RefusalAsync(factory);

        Assert.Equal(530, refusal.ReplyCode);
        Assert.Equal("NOT_ALLOWED - vhost 'nowhere' not found", refusal.ReplyText);
        Assert.Empty(_node.Listener.Connections.ListConnections());
    }

    private static Task<ShutdownEventArgs> RefusalAsync(ConnectionFactory factory) => ConnectionRefusal.OfAsync(factory, BrokerNode.Timeout);
}
