using System.Diagnostics;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class HeartbeatTests : NodeTest
{
    [Fact]
    public async Task A_client_silent_for_two_heartbeat_intervals_is_disconnected_after_being_sent_heartbeats()
    {
        await using var raw = await RawAmqpClient.ConnectAsync(Node.Port);
        await raw.OpenAsync(heartbeat: 1);
        var silent = Stopwatch.StartNew();

        var frames = await raw.ReadFrameTypesToEndAsync();

        Assert.Contains(FrameType.Heartbeat, frames);
        Assert.InRange(silent.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_client_with_heartbeats_stays_connected_while_idle()
    {
        var factory = Node.Factory();
        // Two seconds, not one: the client gives up after two silent intervals, and in CI this machine's two cores
        // run every test project at once, which can starve a 1 s timer for the 2 s that would take.
        factory.RequestedHeartbeat = TimeSpan.FromSeconds(2);
        await using var connection = await factory.CreateConnectionAsync().WaitAsync(BrokerNode.Timeout);
        await using var channel = await connection.CreateChannelAsync();
        await DeclareQueueAsync(channel, "idle");
        var received = new Received(channel);
        await channel.BasicConsumeAsync("idle", autoAck: true, received.Consumer);

        Assert.True(await received.StaysQuietAsync(TimeSpan.FromSeconds(5)));
        await channel.BasicPublishAsync("", "idle", Encoding.UTF8.GetBytes("still connected"));
        Assert.Equal("still connected", Encoding.UTF8.GetString((await received.NextAsync()).Body.Span));
    }
}
