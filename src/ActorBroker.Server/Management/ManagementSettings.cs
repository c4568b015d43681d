using System.Net;
using ActorBroker.Hocon;

namespace ActorBroker.Server.Management;

/// <summary>The management API's settings: <c>actorbroker.management.*</c> of the node config.</summary>
/// <param name="Enabled">False: the node serves no HTTP at all.</param>
/// <param name="Host">The address to listen on.</param>
/// <param name="Port">The TCP port of plain HTTP; 0 takes a free one (logged).</param>
public sealed record ManagementSettings(bool Enabled, IPAddress Host, int Port)
{
    /// <summary>Whether plain HTTP is served on <see cref="Port"/>; false leaves only HTTPS.</summary>
    public bool Plain { get; init; } = true;

    /// <summary>HTTPS (<c>actorbroker.management.tls</c>); null: none.</summary>
    public Listeners.TlsSettings? Tls { get; init; }

    /// <summary>Enabled on loopback, a free port: what tests want.</summary>
    public static ManagementSettings Loopback(int port = 0) => new(true, IPAddress.Loopback, port);

    /// <exception cref="ConfigException">A setting has the wrong type.</exception>
    /// <exception cref="ArgumentException">The host is not an IP address or the port is out of range.</exception>
    public static ManagementSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.HasPath("actorbroker.management"))
        {
            return new ManagementSettings(false, IPAddress.Loopback, 0);
        }

        var management = config.GetConfig("actorbroker.management");
        var hostText = management.GetString("host", "127.0.0.1");
        if (!IPAddress.TryParse(hostText, out var host))
        {
            throw new ArgumentException($"actorbroker.management.host = '{hostText}' is not an IP address (use 127.0.0.1, 0.0.0.0, ::1 …)");
        }

        var port = management.GetLong("port", 15672);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"actorbroker.management.port = {port} is out of range: expected 0 to 65535");
        }

        var plain = management.GetBoolean("plain", true);
        var tls = Listeners.TlsSettings.From(config, "actorbroker.management.tls", 15671);
        if (!plain && tls is null)
        {
            throw new ArgumentException("actorbroker.management.plain = false and actorbroker.management.tls is not enabled: set enabled = false to serve no HTTP");
        }

        return new ManagementSettings(management.GetBoolean("enabled", true), host, (int)port) { Plain = plain, Tls = tls };
    }
}
