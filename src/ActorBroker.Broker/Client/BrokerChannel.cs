using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

/// <summary>
/// A channel: the handle through which a client declares, publishes, consumes and acknowledges, as an AMQP
/// channel does. Publishing and acknowledging are thread-safe and never block. Consumer callbacks run one at a
/// time on the channel's actor; keep them short and never block them on this channel's own async calls.
/// A protocol error (such as acking an unknown delivery tag) closes the channel, as in AMQP; its unacked
/// deliveries then go back to their queues.
/// </summary>
public sealed partial class BrokerChannel : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IActorRef> _consumerQueues = new(StringComparer.Ordinal);
    private IActorRef _actor = ActorRefs.Nobody;
    private volatile BrokerException? _closeReason;
    private volatile bool _closed;

    internal BrokerChannel(BrokerConnection connection, long id)
    {
        Connection = connection;
        Id = id;
    }

    public BrokerConnection Connection { get; }

    /// <summary>True until the channel is closed, by the caller or by an error.</summary>
    public bool IsOpen => !_closed;

    /// <summary>Why the broker closed the channel; null while open or when closed by the caller.</summary>
    public BrokerException? CloseReason => _closeReason;

    /// <summary>Raised on the publishing thread when a mandatory message could not be routed to any queue.</summary>
    public event EventHandler<MessageReturnedEventArgs>? MessageReturned;

    /// <summary>Raised on the channel's actor when the broker ends a consumer (its queue was deleted).</summary>
    public event EventHandler<ConsumerCancelledEventArgs>? ConsumerCancelled;

    /// <summary>
    /// Raised once, on the channel's actor, when the broker closes the channel by itself after a protocol error;
    /// not raised when the caller closes it. Lets a client learn of the close without issuing another call.
    /// </summary>
    public event EventHandler<ChannelClosedEventArgs>? Closed;

    /// <summary>Unique in the broker; <see cref="BrokerConnection.ConnectionIdOf"/> gives its connection's id.</summary>
    public long Id { get; }

    internal IActorRef Actor => _actor;

    private VirtualHost Host => Connection.Host;

    private TimeSpan Timeout => Connection.Broker.Options.OperationTimeout;

    /// <summary>Closes the channel; its unacked deliveries return to their queues and its consumers end.</summary>
    public async Task CloseAsync()
    {
        if (!_closed)
        {
            await _actor.GracefulStop(Timeout).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    internal void Attach(IActorRef actor) => _actor = actor;

    /// <summary>Called only from the channel's actor, so the open-to-closed transition happens once.</summary>
    internal void MarkClosed(BrokerException? reason)
    {
        if (_closed)
        {
            return;
        }

        _closeReason = reason;
        _closed = true;
        StopDirectReplies();
        if (reason is not null)
        {
            Closed?.Invoke(this, new ChannelClosedEventArgs(reason));
        }
    }

    internal void OnConsumerCancelled(string consumerTag, string queue)
    {
        _consumerQueues.TryRemove(consumerTag, out _);
        ConsumerCancelled?.Invoke(this, new ConsumerCancelledEventArgs(consumerTag, queue));
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new BrokerException(
                BrokerErrorCode.ChannelClosed,
                _closeReason is { } reason ? $"The channel was closed by the broker: {reason.Message}" : "The channel is closed.",
                _closeReason ?? (Exception)new ObjectDisposedException(nameof(BrokerChannel)));
        }
    }

    // Async so that a closed channel surfaces as a faulted task, like every other broker error.
    private async Task<T> AskAsync<T>(IActorRef target, object message)
    {
        ThrowIfClosed();
        return await target.AskFor<T>(message, Timeout).ConfigureAwait(false);
    }

    /// <summary>Asks a queue this connection may use; a missing or locked queue faults the task.</summary>
    private async Task<T> AskQueueAsync<T>(string queue, object message)
    {
        ThrowIfClosed();
        return await AskQueueAsync<T>(queue, Queue(queue), message).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks <paramref name="actor"/>, the actor of <paramref name="queue"/>; one that stops before it answers (deleted,
    /// or its node left or failed) faults the task at once with <see cref="QueueGoneException"/>, not after the
    /// operation timeout.
    /// </summary>
    private async Task<T> AskQueueAsync<T>(string queue, IActorRef actor, object message)
    {
        ThrowIfClosed();
        return await actor.AskWatchingFor<T>(Connection.Broker.System, message, Timeout, () => new QueueGoneException(queue, Host.Name, actor)).ConfigureAwait(false);
    }
}
