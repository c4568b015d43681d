using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Accepts AMQP clients on a TCP socket and serves each with an <see cref="AmqpServerConnection"/>.
/// </summary>
/// <remarks>
/// Plain sockets with System.IO.Pipelines rather than Kestrel's connection handlers: both end in the same
/// pipe-based socket transport, but Kestrel adds a connection context, middleware dispatch and its own
/// memory pool and scheduler hops per read for features (TLS, HTTP) AMQP here does not use. The direct
/// pipe keeps one reader and one writer task per connection and nothing in between, the lowest cost per
/// message we can get.
/// </remarks>
public sealed partial class AmqpListener : IAsyncDisposable
{
    private static readonly PipeOptions s_pipeOptions = new(minimumSegmentSize: 16 * 1024, useSynchronizationContext: false);

    private readonly AmqpListenerSettings _settings;
    private readonly MessageBroker _broker;
    private readonly ConfiguredUsers _users;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<AmqpServerConnection, Task> _connections = new();
    private Task _accepting = Task.CompletedTask;

    public AmqpListener(AmqpListenerSettings settings, MessageBroker broker, ConfiguredUsers users, ILogger<AmqpListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(users);
        _settings = settings;
        _broker = broker;
        _users = users;
        _logger = logger ?? NullLogger<AmqpListener>.Instance;
        _socket = new Socket(settings.Host.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    /// <summary>Where it listens; with port 0 in the settings, the port the system chose.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>How many clients are connected now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <exception cref="SocketException">The address is in use or not available.</exception>
    public void Start()
    {
        _socket.Bind(new IPEndPoint(_settings.Host, _settings.Port));
        _socket.Listen(512);
        _accepting = AcceptLoopAsync();
    }

    /// <summary>
    /// Stops accepting, closes every connection with connection.close 320 and waits for them to end (each
    /// waits a bounded time for its client's close-ok).
    /// </summary>
    public async Task StopAsync()
    {
        _socket.Close();
        await _accepting.ConfigureAwait(false);
        foreach (var connection in _connections.Keys)
        {
            connection.RequestShutdown();
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_connections.Count >= _settings.MaxConnections)
            {
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            Serve(client);
        }
    }

    private void Serve(Socket client)
    {
        var stream = new NetworkStream(client, ownsSocket: true);
        var transport = new DuplexPipe(
            PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true)));
        var connection = new AmqpServerConnection(transport, _broker, _settings.Server, _users.For(client.RemoteEndPoint));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connection] = gate.Task;
        _ = RunAsync(connection, stream, gate);
    }

    private async Task RunAsync(AmqpServerConnection connection, NetworkStream stream, TaskCompletionSource done)
    {
        try
        {
            await Task.Yield();
            await connection.RunAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in one connection's handling must end that connection only, never the listener.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogConnectionFailed(_logger, e);
        }
        finally
        {
            connection.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(connection, out _);
            done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An AMQP connection failed unexpectedly and was closed.")]
    private static partial void LogConnectionFailed(ILogger logger, Exception error);

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
