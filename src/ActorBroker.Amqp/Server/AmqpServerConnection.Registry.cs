using System.Net;
using ActorBroker.Amqp.Connections;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Amqp.Server;

public sealed partial class AmqpServerConnection
{
    // Written by the reader loop whenever a channel opens or goes; read by the management API on any thread.
    private AmqpChannel[] _channelSnapshot = [];
    private Headers _clientProperties = Headers.Empty;
    private DateTimeOffset _connectedAt;
    private long _registeredAs = -1;
    private volatile string _closeReason = "broker shutdown";

    /// <summary>The client's address; names the connection in <see cref="AmqpConnectionRegistry"/>.</summary>
    public IPEndPoint? ClientEndPoint { get; init; }

    /// <summary>The address the client connected to; names the connection in <see cref="AmqpConnectionRegistry"/>.</summary>
    public IPEndPoint? ServerEndPoint { get; init; }

    /// <summary>"client ip:port -> server ip:port"; without addresses, "connection-" and the broker connection's id.</summary>
    public string Name { get; private set; } = "";

    /// <summary>
    /// Closes the connection from the server side with connection.close 320 (CONNECTION_FORCED) and
    /// <paramref name="reason"/> as reply text, then waits a bounded time for the client's close-ok.
    /// </summary>
    public void RequestClose(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _closeReason = reason;
        _shutdownRequested = true;
        _shuttingDown.TrySetResult();
        _transport.Input.CancelPendingRead();
    }

    internal AmqpConnectionInfo Describe()
    {
        var negotiated = _session.Negotiated!;
        return new AmqpConnectionInfo(
            Name,
            _registeredAs,
            negotiated.VirtualHost,
            negotiated.UserName,
            ClientEndPoint?.ToString() ?? "",
            _clientProperties,
            _clientProperties.TryGetValue("connection_name", out var name) && name.Kind == FieldKind.String ? name.AsString() : null,
            _connectedAt,
            StateName(),
            Volatile.Read(ref _channelSnapshot).Length);
    }

    internal async Task<AmqpChannelInfo[]> DescribeChannelsAsync()
    {
        var negotiated = _session.Negotiated!;
        var channels = Volatile.Read(ref _channelSnapshot);
        return await Task.WhenAll(channels.Select(c => c.DescribeAsync(Name, negotiated.VirtualHost, negotiated.UserName))).ConfigureAwait(false);
    }

    internal ushort? FindChannelNumber(long brokerChannelId) =>
        Array.Find(Volatile.Read(ref _channelSnapshot), c => c.BrokerChannelId == brokerChannelId)?.Number;

    /// <summary>Called once the broker took the connection: from now on operators see it.</summary>
    private void Register(BrokerConnection connection, NegotiatedConnection negotiated)
    {
        _connectedAt = DateTimeOffset.UtcNow;
        _clientProperties = MessageConversion.ToBroker(negotiated.ClientProperties) ?? Headers.Empty;
        Name = ClientEndPoint is { } client && ServerEndPoint is { } server ? $"{client} -> {server}" : $"connection-{connection.Id}";
        connection.ClosedByBroker += OnClosedByBroker;
        _registeredAs = connection.Id;
        _options.Registry?.Add(this, connection.Id);
    }

    private void Unregister(BrokerConnection connection)
    {
        connection.ClosedByBroker -= OnClosedByBroker;
        _options.Registry?.Remove(this, connection.Id);
        Volatile.Write(ref _channelSnapshot, []);
    }

    private void PublishChannels() => Volatile.Write(ref _channelSnapshot, [.. _channels.Values]);

    private void OnClosedByBroker(object? sender, ConnectionClosedEventArgs e) => RequestClose(e.Reason);

    private string StateName() => _session.State switch
    {
        ConnectionState.Open when _blocking is { IsWaiting: true } => "blocked",
        ConnectionState.Open when _blocking is { IsBlocked: true } => "blocking",
        ConnectionState.Open => "running",
        _ => "closing",
    };
}
