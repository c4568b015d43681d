using System.Diagnostics.Metrics;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// The instruments of meter <see cref="MeterName"/>: the open connections and channels now
/// (<c>actorbroker.amqp.connections</c>, <c>actorbroker.amqp.channels</c>) and the connections opened and
/// closed since the start (<c>actorbroker.amqp.connections.opened</c>, <c>.closed</c>). A connection counts
/// from connection.open-ok until it is released.
/// </summary>
public static class AmqpMetrics
{
    /// <summary>The meter's name, to enable in a MeterListener or an exporter.</summary>
    public const string MeterName = "ActorBroker.Amqp";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly UpDownCounter<long> s_connections = s_meter.CreateUpDownCounter<long>(
        "actorbroker.amqp.connections", "{connection}", "AMQP connections open now");

    private static readonly UpDownCounter<long> s_channels = s_meter.CreateUpDownCounter<long>(
        "actorbroker.amqp.channels", "{channel}", "AMQP channels open now");

    private static readonly Counter<long> s_opened = s_meter.CreateCounter<long>(
        "actorbroker.amqp.connections.opened", "{connection}", "AMQP connections opened");

    private static readonly Counter<long> s_closed = s_meter.CreateCounter<long>(
        "actorbroker.amqp.connections.closed", "{connection}", "AMQP connections closed, by either side");

    internal static void ConnectionOpened()
    {
        s_connections.Add(1);
        s_opened.Add(1);
    }

    /// <summary>A connection ended with <paramref name="openChannels"/> channels still open (closed with it).</summary>
    internal static void ConnectionClosed(int openChannels)
    {
        s_channels.Add(-openChannels);
        s_connections.Add(-1);
        s_closed.Add(1);
    }

    internal static void ChannelOpened() => s_channels.Add(1);

    internal static void ChannelClosed() => s_channels.Add(-1);
}
