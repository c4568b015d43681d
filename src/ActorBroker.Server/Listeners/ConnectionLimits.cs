using System.Globalization;
using ActorBroker.Amqp.Server;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// The node's connection limits (<c>actorbroker.limits</c>), shared by its AMQP listeners: connections in all, per
/// user and per virtual host. The total is counted per socket, before any handshake; the others when a client
/// opens its virtual host, where RabbitMQ counts them too, and a refusal there is connection.close 530 NOT_ALLOWED.
/// </summary>
public sealed class ConnectionLimits(int maxConnections, int maxPerUser, int maxPerVirtualHost) : IConnectionAdmission
{
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perVirtualHost = new(StringComparer.Ordinal);
    private readonly Lock _admissionLock = new();
    private int _sockets;

    /// <summary>No limit but the node's default 10 000 sockets: what tests want.</summary>
    public static ConnectionLimits Unlimited() => new(10_000, int.MaxValue, int.MaxValue);

    public int MaxConnections => maxConnections;

    /// <summary>Counts a new socket; false (and not counted) when the node is at its limit.</summary>
    public bool TryAcceptSocket()
    {
        if (Interlocked.Increment(ref _sockets) <= maxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _sockets);
        return false;
    }

    public void SocketClosed() => Interlocked.Decrement(ref _sockets);

    public string? Admit(string userName, string virtualHost)
    {
        lock (_admissionLock)
        {
            if (_perVirtualHost.GetValueOrDefault(virtualHost) >= maxPerVirtualHost)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"access to vhost '{virtualHost}' refused for user '{userName}': connection limit ({maxPerVirtualHost}) is reached (limits.max-connections-per-vhost)");
            }

            if (_perUser.GetValueOrDefault(userName) >= maxPerUser)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"connection refused for user '{userName}': user connection limit ({maxPerUser}) is reached (limits.max-connections-per-user)");
            }

            _perVirtualHost[virtualHost] = _perVirtualHost.GetValueOrDefault(virtualHost) + 1;
            _perUser[userName] = _perUser.GetValueOrDefault(userName) + 1;
            return null;
        }
    }

    public void Release(string userName, string virtualHost)
    {
        lock (_admissionLock)
        {
            Decrement(_perVirtualHost, virtualHost);
            Decrement(_perUser, userName);
        }
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.GetValueOrDefault(key) <= 1)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key]--;
        }
    }
}
