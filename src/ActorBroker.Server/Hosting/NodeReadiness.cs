using ActorBroker.Broker.Client;

namespace ActorBroker.Server.Hosting;

/// <summary>
/// Whether the node serves clients yet. The management API starts before recovery so that it can answer
/// health checks with "recovering"; routes that need the broker wait for <see cref="IsReady"/>.
/// </summary>
public sealed class NodeReadiness
{
    private readonly TaskCompletionSource<MessageBroker> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MessageBroker? _broker;
    private volatile bool _stopping;

    /// <summary>When the node process started, for uptimes.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The broker, once it has recovered its durable queues; null before.</summary>
    public MessageBroker? Broker => Volatile.Read(ref _broker);

    /// <summary>True once the broker has recovered and the AMQP listener accepts clients, until the node stops.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully && !_stopping;

    /// <summary>Completes with the broker when the node becomes ready.</summary>
    public Task<MessageBroker> WhenReady => _ready.Task;

    /// <summary>Time since the node process started.</summary>
    public TimeSpan Uptime => DateTimeOffset.UtcNow - StartedAt;

    /// <summary>Called by the broker's service once recovery has finished.</summary>
    public void BrokerStarted(MessageBroker broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        Volatile.Write(ref _broker, broker);
    }

    /// <summary>Called when the broker begins to stop: from here on the node is no longer ready.</summary>
    public void BrokerStopping() => _stopping = true;

    /// <summary>Called once the listeners accept clients; the node is ready from here on.</summary>
    /// <exception cref="InvalidOperationException">The broker has not started.</exception>
    public void ListenersStarted() =>
        _ready.TrySetResult(Broker ?? throw new InvalidOperationException("The listeners cannot start before the broker."));
}
