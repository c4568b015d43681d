using System.Collections.Concurrent;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// The node's live AMQP connections, for the management API: each registers itself once open and leaves when it
/// ends. Pass one through <see cref="AmqpServerOptions.Registry"/>. Thread-safe.
/// </summary>
public sealed class AmqpConnectionRegistry
{
    private readonly ConcurrentDictionary<string, AmqpServerConnection> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, AmqpServerConnection> _byBrokerId = new();

    /// <summary>How many connections are open.</summary>
    public int Count => _byName.Count;

    /// <summary>Every open connection, by name.</summary>
    public IReadOnlyList<AmqpConnectionInfo> ListConnections() =>
        [.. _byName.Values.Select(c => c.Describe()).OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The connection of that name, or null.</summary>
    public AmqpConnectionInfo? FindConnection(string name) => _byName.GetValueOrDefault(name)?.Describe();

    /// <summary>The open channels of every connection, or of the named one (none when it does not exist), by connection and number.</summary>
    public async Task<IReadOnlyList<AmqpChannelInfo>> ListChannelsAsync(string? connectionName = null)
    {
        var connections = connectionName is null
            ? _byName.Values.ToList()
            : _byName.TryGetValue(connectionName, out var one) ? [one] : [];
        var perConnection = await Task.WhenAll(connections.Select(c => c.DescribeChannelsAsync())).ConfigureAwait(false);
        return [.. perConnection.SelectMany(c => c).OrderBy(c => c.Connection, StringComparer.Ordinal).ThenBy(c => c.Number)];
    }

    /// <summary>
    /// Which connection and channel number a broker channel belongs to (see <see cref="Broker.Management.ConsumerInfo"/>);
    /// false when it is not an AMQP channel of this node, or is gone.
    /// </summary>
    public bool TryFindChannel(long brokerChannelId, out string connectionName, out ushort channelNumber)
    {
        connectionName = "";
        channelNumber = 0;
        if (!_byBrokerId.TryGetValue(Broker.Client.BrokerConnection.ConnectionIdOf(brokerChannelId), out var connection)
            || connection.FindChannelNumber(brokerChannelId) is not { } number)
        {
            return false;
        }

        connectionName = connection.Name;
        channelNumber = number;
        return true;
    }

    /// <summary>
    /// Closes the named connection with connection.close 320 (CONNECTION_FORCED) and <paramref name="reason"/> as
    /// the reply text the client sees; false when there is no such connection. Returns at once; the connection
    /// leaves the registry when it has ended.
    /// </summary>
    public bool TryClose(string name, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (!_byName.TryGetValue(name, out var connection))
        {
            return false;
        }

        connection.RequestClose(reason);
        return true;
    }

    internal void Add(AmqpServerConnection connection, long brokerConnectionId)
    {
        _byName[connection.Name] = connection;
        _byBrokerId[brokerConnectionId] = connection;
    }

    internal void Remove(AmqpServerConnection connection, long brokerConnectionId)
    {
        _byName.TryRemove(new KeyValuePair<string, AmqpServerConnection>(connection.Name, connection));
        _byBrokerId.TryRemove(new KeyValuePair<long, AmqpServerConnection>(brokerConnectionId, connection));
    }
}
