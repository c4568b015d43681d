using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Accepts AMQP clients on a TCP socket and serves each with an <see cref="AmqpServerConnection"/>; with TLS
/// settings, over an <see cref="SslStream"/> (AMQPS), whose verified client certificate may sign its user in.
/// </summary>
/// <remarks>
/// Sockets with System.IO.Pipelines (over a <see cref="NetworkStream"/>) rather than Kestrel's connection
/// handlers, because Kestrel was measured and is not cheaper (issue #5, 2026-11-22, .NET 10.0.401, 2 shared
/// cores): this listener and a throwaway Kestrel host running the same <see cref="AmqpServerConnection"/>
/// over <c>ConnectionContext.Transport</c>, side by side, with
/// <c>actorbroker perf --url amqp://guest:guest@127.0.0.1:5801/ --compare-url amqp://guest:guest@127.0.0.1:5802/
/// --duration 5s --workload transient|roundtrip|fanout</c>, 5 rounds each (3 sockets first, 2 Kestrel first).
/// Node CPU per delivered message (utime+stime from /proc), sockets vs Kestrel, means: transient 2.42 vs
/// 2.45 µs, fanout 1.16 vs 1.22 µs, roundtrip 35.4 vs 32.8 µs: equal within the noise (±7%). Throughput
/// (means: transient ~188k vs ~207k msgs/s, fanout deliveries ~355k vs ~396k, roundtrip ~23k vs ~26k)
/// followed the order of measurement, not the transport: in transient and fanout whichever broker ran
/// second was faster, by up to 67%, in both orders; roundtrip was about even. With no measurable gain, the
/// listener stays without the ASP.NET Core hosting layer. Method and every figure:
/// docs/decisions/listener-transport.md.
/// </remarks>
public sealed partial class AmqpListener : IAsyncDisposable
{
    // A client that opens a socket and never finishes its TLS handshake must not hold a connection slot for long.
    private static readonly TimeSpan s_handshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly AmqpListenerSettings _settings;
    private readonly TlsSettings? _tls;
    private readonly ConnectionLimits _limits;
    private readonly MessageBroker _broker;
    private readonly ConfiguredUsers _users;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Client, Task> _clients = new();
    private Task _accepting = Task.CompletedTask;

    /// <param name="settings">Address, port and protocol limits.</param>
    /// <param name="broker">The broker the clients use.</param>
    /// <param name="users">Who may sign in, and with which permissions.</param>
    /// <param name="logger">Where connections are logged.</param>
    /// <param name="tls">TLS on <see cref="TlsSettings.Port"/> instead of plain AMQP on the settings' port.</param>
    /// <param name="limits">Connection limits shared with the node's other listeners; null: <see cref="ConnectionLimits.Unlimited"/>.</param>
    public AmqpListener(
        AmqpListenerSettings settings,
        MessageBroker broker,
        ConfiguredUsers users,
        ILogger<AmqpListener>? logger = null,
        TlsSettings? tls = null,
        ConnectionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(users);
        Connections = settings.Server.Registry ?? new AmqpConnectionRegistry();
        _limits = limits ?? ConnectionLimits.Unlimited();
        _settings = settings with { Server = settings.Server with { Registry = Connections, Admission = settings.Server.Admission ?? _limits } };
        _tls = tls;
        _broker = broker;
        _users = users;
        _logger = logger ?? NullLogger<AmqpListener>.Instance;
        _socket = new Socket(settings.Host.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    /// <summary>Where it listens; with port 0 in the settings, the port the system chose.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The open connections, for the management API: the one of the settings, or a new one.</summary>
    public AmqpConnectionRegistry Connections { get; }

    /// <summary>How many clients are connected now (TLS handshakes under way included).</summary>
    public int ConnectionCount => _clients.Count;

    /// <exception cref="SocketException">The address is in use or not available.</exception>
    public void Start()
    {
        _socket.Bind(new IPEndPoint(_settings.Host, _tls?.Port ?? _settings.Port));
        _socket.Listen(512);
        _accepting = AcceptLoopAsync();
    }

    /// <summary>
    /// Stops accepting, closes every connection with connection.close 320 and waits for them to end (each
    /// waits a bounded time for its client's close-ok); TLS handshakes under way are abandoned.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _socket.Close();
        await _accepting.ConfigureAwait(false);
        foreach (var client in _clients.Keys)
        {
            client.Connection?.RequestShutdown();
        }

        await Task.WhenAll(_clients.Values).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (!_limits.TryAcceptSocket())
            {
                LogConnectionRefused(_logger, ConnectionName(socket), $"the node has {_limits.MaxConnections} connections, its limit (limits.max-connections)");
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            var client = new Client();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _clients[client] = done.Task;
            _ = ServeAsync(socket, client, done);
        }
    }

    private async Task ServeAsync(Socket socket, Client client, TaskCompletionSource done)
    {
        var name = ConnectionName(socket);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        LogConnectionAccepted(_logger, name);
        try
        {
            await Task.Yield();
            string? certifiedUser = null;
            if (_tls is { } tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(s_handshakeTimeout);
                await secure.AuthenticateAsServerAsync(tls.ServerOptions(), timeout.Token).ConfigureAwait(false);
                certifiedUser = TlsSettings.UserNameOf(secure.RemoteCertificate as X509Certificate2);
            }

            await RunAsync(socket, client, stream, certifiedUser).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            LogHandshakeFailed(_logger, name, e.Message);
        }
#pragma warning disable CA1031 // A bug in one connection's handling must end that connection only, never the listener.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogConnectionFailed(_logger, name, e);
        }
        finally
        {
            LogConnectionClosed(_logger, name);
            client.Connection?.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            _clients.TryRemove(client, out _);
            _limits.SocketClosed();
            done.TrySetResult();
        }
    }

    private async Task RunAsync(Socket socket, Client client, Stream stream, string? certifiedUser)
    {
        var transport = new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true)));
        var connection = new AmqpServerConnection(transport, _broker, _settings.Server, _users.For(socket.RemoteEndPoint, certifiedUser))
        {
            ClientEndPoint = socket.RemoteEndPoint as IPEndPoint,
            ServerEndPoint = socket.LocalEndPoint as IPEndPoint,
        };
        Volatile.Write(ref client.Connection, connection);

        // StopAsync cancels before it asks each connection to shut down; one made after it looked is asked here.
        if (_stopping.IsCancellationRequested)
        {
            connection.RequestShutdown();
        }

        await connection.RunAsync().ConfigureAwait(false);
    }

    // RabbitMQ's connection name: the client's address, then the node's.
    private static string ConnectionName(Socket client) => $"{client.RemoteEndPoint} -> {client.LocalEndPoint}";

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP connection {Connection} accepted")]
    private static partial void LogConnectionAccepted(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP connection {Connection} closed")]
    private static partial void LogConnectionClosed(ILogger logger, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP connection {Connection} refused: {Reason}")]
    private static partial void LogConnectionRefused(ILogger logger, string connection, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP connection {Connection} ended before it was open: {Reason}")]
    private static partial void LogHandshakeFailed(ILogger logger, string connection, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "AMQP connection {Connection} failed unexpectedly and was closed.")]
    private static partial void LogConnectionFailed(ILogger logger, string connection, Exception error);

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    // One accepted socket: its AMQP connection once the transport (and TLS handshake) is ready.
    private sealed class Client
    {
        public AmqpServerConnection? Connection;
    }
}
