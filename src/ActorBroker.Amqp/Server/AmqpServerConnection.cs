using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// Serves one AMQP 0-9-1 client over a duplex pipe (a socket, usually) against a <see cref="MessageBroker"/>:
/// one reader loop parses frames and runs the connection's commands in order, one writer loop drains the
/// bounded outbound queue into the pipe, and a heartbeat loop keeps the link honest. Bad input closes this
/// connection alone, with the reply code the spec gives.
/// </summary>
public sealed partial class AmqpServerConnection : IDisposable
{
    private static readonly TimeSpan s_closeHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly IDuplexPipe _transport;
    private readonly MessageBroker _broker;
    private readonly AmqpServerOptions _options;
    private readonly ConnectionSession _session;
    private readonly IConnectionAuthenticator _authenticator;
    private readonly OutboundQueue _outbound = new();
    private readonly ArrayBufferWriter<byte> _sessionOutput = new(1024);
    // Concurrent: channels open and finish in the continuations of their async commands, on pool threads, beside the
    // reader's lookups (a plain dictionary lost a channel opened while another one finished).
    private readonly ConcurrentDictionary<ushort, AmqpChannel> _channels = [];
    private readonly TaskCompletionSource _shuttingDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PublisherBlocking? _blocking;
    private ResourceGuard? _guard;
    private BrokerConnection? _connection;
    private volatile bool _shutdownRequested;
    private volatile bool _heartbeatMissed;
    private bool _closeDeadlineArmed;
    private long _lastReadTicks = Environment.TickCount64;

    public AmqpServerConnection(IDuplexPipe transport, MessageBroker broker, AmqpServerOptions options, IConnectionAuthenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _broker = broker;
        _options = options;
        _authenticator = authenticator;
        _session = new ConnectionSession(options.Connection, authenticator);
    }

    /// <summary>
    /// Serves the client until either side closes the connection or it fails; completes both halves of the
    /// pipe on the way out. Never throws for anything the client sends.
    /// </summary>
    public async Task RunAsync()
    {
        var writing = _outbound.RunWriterAsync(_transport.Output);
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away mid-read; what it owned is released below like after a clean close.
        }
        finally
        {
            await ReleaseBrokerSideAsync().ConfigureAwait(false);
            _outbound.Complete();
            await WaitForWriterAsync(writing).ConfigureAwait(false);
            await _transport.Input.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the heartbeat timer; <see cref="RunAsync"/> has released everything else.</summary>
    public void Dispose() => _heartbeats?.Dispose();

    /// <summary>Closes the connection from the server side with connection.close 320 (connection-forced).</summary>
    public void RequestShutdown() => RequestClose("broker shutdown");

    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled && !OnReadCanceled())
            {
                return;
            }

            if (!buffer.IsEmpty)
            {
                Volatile.Write(ref _lastReadTicks, Environment.TickCount64);
            }

            while (true)
            {
                var pending = Process(ref buffer);
                if (pending is null)
                {
                    break;
                }

                await pending.ConfigureAwait(false);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (_session.State == ConnectionState.Closed || result.IsCompleted)
            {
                return;
            }

            ArmCloseDeadlineIfClosing();
        }
    }

    // Returns whether to go on reading: a shutdown sends connection.close 320 and waits for close-ok;
    // a missed heartbeat or an expired close handshake ends the connection at once.
    private bool OnReadCanceled()
    {
        if (_heartbeatMissed || _session.State is ConnectionState.Closing or ConnectionState.Closed)
        {
            return false;
        }

        if (_shutdownRequested)
        {
            _session.Close(_sessionOutput, ReplyCode.ConnectionForced, _closeReason);
            FlushSessionOutput();
            ArmCloseDeadlineIfClosing();
        }

        return true;
    }

    private void ArmCloseDeadlineIfClosing()
    {
        if (_session.State == ConnectionState.Closing && !_closeDeadlineArmed)
        {
            _closeDeadlineArmed = true;
            _ = CancelReadAfterAsync(s_closeHandshakeTimeout);
        }
    }

    private async Task CancelReadAfterAsync(TimeSpan delay)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        _transport.Input.CancelPendingRead();
    }

    private async Task WaitForWriterAsync(Task writing)
    {
        // A client that stopped reading must not hold the connection open: give the writer a bounded time.
        if (await Task.WhenAny(writing, Task.Delay(s_closeHandshakeTimeout)).ConfigureAwait(false) != writing)
        {
            _transport.Output.CancelPendingFlush();
        }

        try
        {
            await writing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone; nothing is left to tell it.
        }

        await _transport.Output.CompleteAsync().ConfigureAwait(false);
    }

    private async Task ReleaseBrokerSideAsync()
    {
        _heartbeats?.Dispose();
        if (_connection is { } connection)
        {
            _connection = null;
            var negotiated = _session.Negotiated!;
            _options.Admission?.Release(negotiated.UserName, negotiated.VirtualHost);
            Unregister(connection);
            AmqpMetrics.ConnectionClosed(_channels.Count);
            _channels.Clear();
            try
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The broker will still stop the connection's actors; the client is gone either way.
            }
        }
    }
}
