using ActorBroker.Amqp.Framing;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class ErrorTests : NodeTest
{
    [Fact]
    public async Task Redeclaring_a_queue_with_other_settings_closes_only_the_channel_with_precondition_failed()
    {
        await DeclareQueueAsync("settled");

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => Channel.QueueDeclareAsync("settled", durable: true, exclusive: false, autoDelete: false));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
        Assert.StartsWith("PRECONDITION_FAILED", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
        Assert.True(Channel.IsClosed);
        Assert.True(Connection.IsOpen);
        await using var next = await Connection.CreateChannelAsync();
        Assert.Equal(0u, (await next.QueueDeclarePassiveAsync("settled")).MessageCount);
    }

    [Fact]
    public async Task A_passive_declare_of_a_missing_queue_closes_the_channel_with_not_found()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.QueueDeclarePassiveAsync("missing"));

        Assert.Equal(404, error.ShutdownReason!.ReplyCode);
        Assert.True(Connection.IsOpen);
    }

    [Fact]
    public async Task Publishing_to_a_missing_exchange_closes_the_channel_with_not_found()
    {
        var closed = ClosedAsync(Channel);

        await Channel.BasicPublishAsync("no-such-exchange", "key", Encoding.UTF8.GetBytes("x"));

        Assert.Equal(404, (await closed).ReplyCode);
        Assert.True(Connection.IsOpen);
    }

    [Fact]
    public async Task Acking_a_delivery_twice_closes_the_channel_at_once_without_another_command()
    {
        await DeclareQueueAsync("twice");
        await Channel.BasicPublishAsync("", "twice", Encoding.UTF8.GetBytes("x"));
        var got = await Channel.BasicGetAsync("twice", autoAck: false);
        var closed = ClosedAsync(Channel);

        await Channel.BasicAckAsync(got!.DeliveryTag, multiple: false);
        await Channel.BasicAckAsync(got.DeliveryTag, multiple: false);

        var reason = await closed;
        Assert.Equal(406, reason.ReplyCode);
        Assert.Contains("unknown delivery tag 1", reason.ReplyText, StringComparison.OrdinalIgnoreCase);
        Assert.True(Connection.IsOpen);
        await using var next = await Connection.CreateChannelAsync();
        Assert.Equal(0u, (await next.QueueDeclarePassiveAsync("twice")).MessageCount);
    }

    [Fact]
    public async Task An_exclusive_queue_is_locked_against_other_connections()
    {
        await Channel.QueueDeclareAsync("mine", durable: false, exclusive: true, autoDelete: false);
        await using var other = await Node.ConnectAsync();
        await using var otherChannel = await other.CreateChannelAsync();

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => otherChannel.BasicConsumeAsync("mine", autoAck: true, new AsyncEventingBasicConsumer(otherChannel)));

        Assert.Equal(405, error.ShutdownReason!.ReplyCode);
    }

    [Fact]
    public async Task An_exclusive_queue_is_deleted_when_its_connection_closes()
    {
        await using (var owner = await Node.ConnectAsync())
        {
            await using var ownerChannel = await owner.CreateChannelAsync();
            await ownerChannel.QueueDeclareAsync("temporary", durable: false, exclusive: true, autoDelete: false);
            await owner.CloseAsync();
        }

        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.QueueDeclarePassiveAsync("temporary"));
        Assert.Equal(404, error.ShutdownReason!.ReplyCode);
    }

    [Fact]
    public async Task Acking_an_unknown_delivery_tag_closes_the_channel_with_precondition_failed()
    {
        var closed = ClosedAsync(Channel);

        await Channel.BasicAckAsync(42, multiple: false);

        var reason = await closed;
        Assert.Equal(406, reason.ReplyCode);
        Assert.Contains("unknown delivery tag 42", reason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_a_missing_queue_to_the_default_exchange_is_403_as_in_RabbitMQ_not_404()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => Channel.QueueBindAsync("no-such-queue", "", "no-such-queue"));

        Assert.Equal(403, error.ShutdownReason!.ReplyCode);
        Assert.Contains("operation not permitted on the default exchange", error.ShutdownReason.ReplyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_or_unbinding_anything_with_the_default_exchange_is_403()
    {
        await DeclareQueueAsync("present");
        var attempts = new Func<IChannel, Task>[]
        {
            channel => channel.QueueBindAsync("present", "", "present"),
            channel => channel.QueueUnbindAsync("present", "", "present"),
            channel => channel.ExchangeBindAsync(destination: "", source: "amq.direct", "key"),
            channel => channel.ExchangeBindAsync(destination: "amq.direct", source: "", "key"),
            channel => channel.ExchangeUnbindAsync(destination: "amq.direct", source: "", "key"),
        };

        foreach (var attempt in attempts)
        {
            await using var channel = await Connection.CreateChannelAsync();
            var error = await Assert.ThrowsAsync<OperationInterruptedException>(() => attempt(channel));
            Assert.Equal(403, error.ShutdownReason!.ReplyCode);
        }
    }

    [Fact]
    public async Task An_unsupported_queue_type_is_refused_with_precondition_failed()
    {
        var error = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => Channel.QueueDeclareAsync("unknown-type", durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "delayed" }));

        Assert.Equal(406, error.ShutdownReason!.ReplyCode);
    }

    [Fact]
    public async Task A_classic_queue_type_argument_is_accepted()
    {
        var declared = await Channel.QueueDeclareAsync("classic", durable: false, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "classic" });

        Assert.Equal("classic", declared.QueueName);
    }

    [Fact]
    public async Task An_unknown_exchange_type_closes_the_connection_with_command_invalid()
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>();
        Connection.ConnectionShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<Exception>(() => Channel.ExchangeDeclareAsync("odd", "no-such-type"));

        var reason = await closed.Task.WaitAsync(BrokerNode.Timeout);
        Assert.Equal(503, reason.ReplyCode);
        Assert.False(Connection.IsOpen);
    }

    [Fact]
    public async Task Reusing_a_consumer_tag_on_a_channel_closes_the_connection_with_not_allowed()
    {
        await DeclareQueueAsync("tagged");
        await Channel.BasicConsumeAsync("tagged", autoAck: true, "same-tag", new AsyncEventingBasicConsumer(Channel));

        await Assert.ThrowsAnyAsync<Exception>(() => Channel.BasicConsumeAsync("tagged", autoAck: true, "same-tag", new AsyncEventingBasicConsumer(Channel)));

        Assert.Equal((ushort)530, Connection.CloseReason?.ReplyCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_as_an_authentication_failure()
    {
        var error = await Assert.ThrowsAsync<BrokerUnreachableException>(() => Node.Factory(password: "wrong").CreateConnectionAsync().WaitAsync(BrokerNode.Timeout));

        Assert.IsType<AuthenticationFailureException>(error.InnerException);
    }

    [Fact]
    public async Task Opening_an_unknown_virtual_host_is_refused_with_not_allowed()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);

        await raw.HandshakeUpToOpenAsync(heartbeat: 0, "elsewhere");

        var reply = await raw.ReadFrameAsync();
        Assert.Equal(AmqpMethodId.ConnectionClose, AmqpMethods.ReadId(reply!.Value.Payload));
        Assert.Equal((ushort)530, ConnectionClose.Read(reply.Value.Payload.AsSpan(AmqpMethods.IdSize)).ReplyCode);
    }

    [Fact]
    public async Task Stopping_the_listener_closes_connections_with_connection_forced()
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>();
        Connection.ConnectionShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        await Node.Listener.StopAsync().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(320, (await closed.Task.WaitAsync(BrokerNode.Timeout)).ReplyCode);
    }

    private static Task<ShutdownEventArgs> ClosedAsync(IChannel channel)
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>();
        channel.ChannelShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task.WaitAsync(BrokerNode.Timeout);
    }
}
