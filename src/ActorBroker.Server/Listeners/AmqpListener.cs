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
        Connections = settings.Server.Registry ?? new AmqpConnectionRegistry();
        _settings = settings with { Server = settings.Server with { Registry = Connections } };
        _broker = broker;
        _users = users;
        _logger = logger ?? NullLogger<AmqpListener>.Instance;
        _socket = new Socket(settings.Host.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    /// <summary>Where it listens; with port 0 in the settings, the port the system chose.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The open connections, for the management API: the one of the settings, or a new one.</summary>
    public AmqpConnectionRegistry Connections { get; }

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
        var connection = new AmqpServerConnection(transport, _broker, _settings.Server, _users.For(client.RemoteEndPoint))
        {
            ClientEndPoint = client.RemoteEndPoint as IPEndPoint,
            ServerEndPoint = client.LocalEndPoint as IPEndPoint,
        };
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
