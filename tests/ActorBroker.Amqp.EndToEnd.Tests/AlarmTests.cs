using ActorBroker.Amqp.Framing;
using ActorBroker.Server.Alarms;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class AlarmTests : NodeTest
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(300);

    private readonly FakeResourceProbe _probe = new();

    [Fact]
    public async Task A_publisher_is_blocked_during_a_memory_alarm_and_its_message_is_delivered_once_the_alarm_clears()
    {
        await using var monitor = new AlarmMonitor(new AlarmSettings(0.4, 1_000_000_000, TimeSpan.FromHours(1)), _probe, Node.Gate);
        await DeclareQueueAsync("alarmed");
        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("alarmed", autoAck: true, received.Consumer);
        await using var publisher = await Node.ConnectAsync();
        await using var publishing = await publisher.CreateChannelAsync();
        var blocked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var unblocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.ConnectionBlockedAsync += (_, e) => { blocked.TrySetResult(e.Reason); return Task.CompletedTask; };
        publisher.ConnectionUnblockedAsync += (_, _) => { unblocked.TrySetResult(); return Task.CompletedTask; };

        _probe.MemoryUsed = _probe.MemoryTotal / 2;
        monitor.Check();
        await publishing.BasicPublishAsync("", "alarmed", Encoding.UTF8.GetBytes("held back"));

        Assert.Equal("low on memory", await blocked.Task.WaitAsync(BrokerNode.Timeout));
        Assert.True(await received.StaysQuietAsync(s_quiet));
        Assert.False(unblocked.Task.IsCompleted);

        _probe.MemoryUsed = _probe.MemoryTotal / 4;
        monitor.Check();

        await unblocked.Task.WaitAsync(BrokerNode.Timeout);
        Assert.Equal("held back", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task A_consumer_on_another_connection_keeps_receiving_during_a_disk_alarm()
    {
        await using var monitor = new AlarmMonitor(new AlarmSettings(0.4, 1_000_000_000, TimeSpan.FromHours(1)), _probe, Node.Gate);
        await DeclareQueueAsync("backlog");
        // Confirmed, so both are in the queue before the alarm: a blocked connection's unread publishes would wait with it.
        await using (var confirming = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await confirming.BasicPublishAsync("", "backlog", Encoding.UTF8.GetBytes("first"));
            await confirming.BasicPublishAsync("", "backlog", Encoding.UTF8.GetBytes("second"));
        }

        await using var publisher = await Node.ConnectAsync();
        await using var publishing = await publisher.CreateChannelAsync();
        var blocked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.ConnectionBlockedAsync += (_, e) => { blocked.TrySetResult(e.Reason); return Task.CompletedTask; };

        _probe.DiskFree = 10_000_000;
        monitor.Check();
        await publishing.BasicPublishAsync("", "backlog", Encoding.UTF8.GetBytes("held back"));
        Assert.Equal("low on disk space", await blocked.Task.WaitAsync(BrokerNode.Timeout));

        await using var consuming = await Node.ConnectAsync();
        await using var consumer = await consuming.CreateChannelAsync();
        var received = new Received(consumer);
        await consumer.BasicConsumeAsync("backlog", autoAck: true, received.Consumer);
        Assert.Equal("first", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
        Assert.Equal("second", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
        Assert.True(await received.StaysQuietAsync(s_quiet));

        _probe.DiskFree = 2_000_000_000;
        monitor.Check();
        Assert.Equal("held back", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }

    [Fact]
    public async Task A_connection_held_back_by_an_alarm_is_still_closed_when_the_node_stops()
    {
        await DeclareQueueAsync("stopping");
        await using var publisher = await Node.ConnectAsync();
        await using var publishing = await publisher.CreateChannelAsync();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shutdown = new TaskCompletionSource<ushort>(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.ConnectionBlockedAsync += (_, _) => { blocked.TrySetResult(); return Task.CompletedTask; };
        publisher.ConnectionShutdownAsync += (_, e) => { shutdown.TrySetResult(e.ReplyCode); return Task.CompletedTask; };

        Node.Gate.Block("low on memory");
        await publishing.BasicPublishAsync("", "stopping", Encoding.UTF8.GetBytes("never"));
        await blocked.Task.WaitAsync(BrokerNode.Timeout);
        await Node.Listener.StopAsync().WaitAsync(BrokerNode.Timeout);

        Assert.Equal(320, await shutdown.Task.WaitAsync(BrokerNode.Timeout));
    }

    [Fact]
    public async Task A_client_without_the_blocked_capability_is_held_back_without_being_told()
    {
        await DeclareQueueAsync("untold");
        var received = new Received(Channel);
        await Channel.BasicConsumeAsync("untold", autoAck: true, received.Consumer);
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync();

        Node.Gate.Block("low on memory");
        await raw.SendAsync(RawAmqpClient.Publish(1, "untold", "held back"u8.ToArray()));
        Assert.True(await received.StaysQuietAsync(s_quiet));
        Node.Gate.Unblock();
        Assert.Equal("held back", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));

        await raw.SendAsync(RawAmqpClient.Method(1, new ChannelClose { ReplyText = "done" }));
        var methods = new List<AmqpMethodId>();
        while (methods.LastOrDefault() != AmqpMethodId.ChannelCloseOk && await raw.ReadFrameAsync() is { } frame)
        {
            methods.Add(AmqpMethods.ReadId(frame.Payload));
        }

        Assert.Equal([AmqpMethodId.ChannelCloseOk], methods);
    }
}
