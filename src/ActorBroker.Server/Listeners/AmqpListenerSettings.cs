using System.Net;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Server;
using ActorBroker.Hocon;

namespace ActorBroker.Server.Listeners;

/// <summary>The AMQP listeners' settings: <c>actorbroker.amqp.*</c> and <c>actorbroker.limits.*</c> of the node config.</summary>
public sealed record AmqpListenerSettings(IPAddress Host, int Port, AmqpServerOptions Server, int MaxConnections)
{
    /// <summary>Whether plain AMQP is served on <see cref="Port"/>; false leaves only the TLS listener.</summary>
    public bool Plain { get; init; } = true;

    /// <summary>The AMQPS listener (<c>actorbroker.amqp.tls</c>); null: none.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Connections per user and per virtual host (<c>limits.max-connections-per-user</c>, <c>-per-vhost</c>).</summary>
    public int MaxConnectionsPerUser { get; init; } = int.MaxValue;

    public int MaxConnectionsPerVirtualHost { get; init; } = int.MaxValue;

    /// <summary>Loopback, a free port (0), protocol defaults: what tests want.</summary>
    public static AmqpListenerSettings Loopback(int port = 0) => new(IPAddress.Loopback, port, AmqpServerOptions.Default, 10_000);

    /// <exception cref="ConfigException">A setting is missing or has the wrong type.</exception>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static AmqpListenerSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var amqp = config.GetConfig("actorbroker.amqp");
        var hostText = amqp.GetString("host");
        if (!IPAddress.TryParse(hostText, out var host))
        {
            throw new ArgumentException($"actorbroker.amqp.host = '{hostText}' is not an IP address (use 127.0.0.1, 0.0.0.0, ::1 …)");
        }

        var port = Ranged(amqp.GetLong("port"), 0, 65535, "actorbroker.amqp.port");
        var frameMax = Ranged(amqp.GetBytes("frame-max"), ConnectionSettings.MinFrameMax, uint.MaxValue, "actorbroker.amqp.frame-max");
        var channelMax = Ranged(amqp.GetLong("channel-max"), 0, ushort.MaxValue, "actorbroker.amqp.channel-max");
        var heartbeat = Ranged((long)amqp.GetDuration("heartbeat").TotalSeconds, 0, ushort.MaxValue, "actorbroker.amqp.heartbeat");
        var limits = config.GetConfig("actorbroker.limits");
        var channelLimit = Ranged(limits.GetLong("max-channels-per-connection", ushort.MaxValue), 1, ushort.MaxValue, "actorbroker.limits.max-channels-per-connection");
        var maxMessage = Ranged(limits.GetBytes("max-message-size", 128L * 1024 * 1024), 0, int.MaxValue, "actorbroker.limits.max-message-size");
        var maxConnections = Ranged(limits.GetLong("max-connections", 10_000), 1, int.MaxValue, "actorbroker.limits.max-connections");
        var server = new AmqpServerOptions
        {
            Connection = new ConnectionSettings
            {
                FrameMax = (uint)frameMax,
                ChannelMax = (ushort)Math.Min(channelMax == 0 ? ushort.MaxValue : channelMax, channelLimit),
                Heartbeat = (ushort)heartbeat,
            },
            MaxMessageSize = (ulong)maxMessage,
        };
        var plain = amqp.GetBoolean("plain", true);
        var tls = TlsSettings.From(config, "actorbroker.amqp.tls", 5671);
        if (!plain && tls is null)
        {
            throw new ArgumentException("actorbroker.amqp.plain = false and actorbroker.amqp.tls is not enabled: the node would serve no AMQP at all");
        }

        return new AmqpListenerSettings(host, (int)port, server, (int)maxConnections)
        {
            Plain = plain,
            Tls = tls,
            MaxConnectionsPerUser = (int)Ranged(limits.GetLong("max-connections-per-user", int.MaxValue), 1, int.MaxValue, "actorbroker.limits.max-connections-per-user"),
            MaxConnectionsPerVirtualHost = (int)Ranged(limits.GetLong("max-connections-per-vhost", int.MaxValue), 1, int.MaxValue, "actorbroker.limits.max-connections-per-vhost"),
        };
    }

    private static long Ranged(long value, long min, long max, string path) =>
        value >= min && value <= max ? value : throw new ArgumentException($"{path} = {value} is out of range: expected {min} to {max}");
}
