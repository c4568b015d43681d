using System.Net;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Security;

/// <summary>The node's limits of broker.conf, each met by RabbitMQ.Client the way RabbitMQ would meet it.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private readonly ManagementNode _node = new()
    {
        ExtraConfig = """
            actorbroker.limits {
              max-connections-per-user = 2
              max-connections-per-vhost = 3
              max-channels-per-connection = 2
              max-queues-per-vhost = 3
              max-message-size = 1KiB
            }
            actorbroker.amqp.frame-max = 8KiB
            """,
    };

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task A_user_beyond_its_connection_limit_is_refused_at_open_and_admitted_once_one_closes()
    {
        var first = await ConnectAsync("watcher");
        await using var second = await ConnectAsync("watcher");

        var refusal = await RefusalAsync("watcher");
        await first.CloseAsync();
        await first.DisposeAsync();
        await using var again = await ConnectAsync("watcher");

        Assert.Equal(530, refusal.ReplyCode);
        Assert.Equal("NOT_ALLOWED - connection refused for user 'watcher': user connection limit (2) is reached (limits.max-connections-per-user)", refusal.ReplyText);
    }

    [Fact]
    public async Task A_virtual_host_beyond_its_connection_limit_is_refused_for_any_user()
    {
        await using var one = await ConnectAsync("watcher");
        await using var two = await ConnectAsync("nobody");
        await using var three = await ConnectAsync("nobody");

        var refusal = await RefusalAsync("guest");

        Assert.Equal(530, refusal.ReplyCode);
        Assert.Contains("connection limit (3) is reached (limits.max-connections-per-vhost)", refusal.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channels_frames_and_message_sizes_are_bounded_by_the_limits()
    {
        await using var connection = await ConnectAsync("guest");
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync()).QueueName;
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        await channel.BasicPublishAsync("", queue, new byte[1024]);
        await channel.BasicPublishAsync("", queue, new byte[1025]);
        var tooLarge = await closed.Task.WaitAsync(s_timeout);

        Assert.Equal((ushort)2, connection.ChannelMax);
        Assert.Equal(8192u, connection.FrameMax);
        Assert.Equal(406, tooLarge.ReplyCode);
    }

    [Fact]
    public async Task A_virtual_host_holds_no_more_queues_than_its_limit()
    {
        await using var connection = await ConnectAsync("guest");
        await using (var channel = await connection.CreateChannelAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                await channel.QueueDeclareAsync($"limited-{i}", durable: false, exclusive: false, autoDelete: false);
            }
        }

        await using var refused = await connection.CreateChannelAsync();
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => refused.QueueDeclareAsync("limited-3", false, false, false));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.Equal("PRECONDITION_FAILED - cannot declare queue 'limited-3' in vhost '/': queue limit in vhost (3) is reached", error.ShutdownReason.ReplyText);
    }

    [Fact]
    public void The_node_wide_connection_count_admits_sockets_up_to_its_limit_and_again_once_one_closes()
    {
        var limits = new ConnectionLimits(maxConnections: 2, maxPerUser: 10, maxPerVirtualHost: 10);

        var admitted = new[] { limits.TryAcceptSocket(), limits.TryAcceptSocket(), limits.TryAcceptSocket() };
        limits.SocketClosed();

        Assert.Equal([true, true, false], admitted);
        Assert.True(limits.TryAcceptSocket());
    }

    private ConnectionFactory Factory(string user) => new()
    {
        HostName = "127.0.0.1",
        Port = _node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port,
        UserName = user,
        Password = user,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = s_timeout,
    };

    // RabbitMQ.Client may return before the node has handled connection.open; a channel's round trip waits for it, so
    // the node has counted the connection before the test goes on.
    private async Task<IConnection> ConnectAsync(string user)
    {
        var connection = await Factory(user).CreateConnectionAsync().WaitAsync(s_timeout);
        await using var probe = await connection.CreateChannelAsync();
        await probe.CloseAsync();
        return connection;
    }

    private Task<ShutdownEventArgs> RefusalAsync(string user) => ConnectionRefusal.OfAsync(Factory(user), s_timeout);
}
