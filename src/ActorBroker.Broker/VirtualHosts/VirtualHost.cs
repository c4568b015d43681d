using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// What callers on any thread share about one virtual host: the current routing snapshot, swapped atomically
/// by the <see cref="VirtualHostActor"/> (the only writer), and the actor for metadata changes.
/// </summary>
internal sealed partial class VirtualHost(string name, TimeProvider clock)
{
    private RoutingTable _routing = RoutingTable.CreateDefault();

    public string Name { get; } = name;

    /// <summary>Direct reply-to consumers by reply address (<c>amq.rabbitmq.reply-to.&lt;token&gt;</c>).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, DirectReplyConsumer> DirectReplies { get; } = new(StringComparer.Ordinal);

    /// <summary>The host's actor; set once by the supervisor right after starting it.</summary>
    public IActorRef Actor { get; set; } = ActorRefs.Nobody;

    public TimeProvider Clock { get; } = clock;

    public RoutingTable Routing
    {
        get => Volatile.Read(ref _routing);
        set => Volatile.Write(ref _routing, value);
    }

    /// <exception cref="BrokerException">No such queue, or it is exclusive to another connection.</exception>
    public QueueEndpoint RequireQueue(string queue, long connectionId)
    {
        if (!Routing.TryGetQueue(queue, out var found))
        {
            throw BrokerException.NotFound($"No queue '{queue}' in virtual host '{Name}'.");
        }

        var endpoint = (QueueEndpoint)found;
        return endpoint.IsAccessibleFrom(connectionId)
            ? endpoint
            : throw new BrokerException(BrokerErrorCode.ResourceLocked, $"Queue '{queue}' is exclusive to another connection.");
    }

    /// <summary>
    /// Sends a message that died in <paramref name="queue"/> to the queue's dead-letter exchange with its
    /// x-death history; without a dead-letter exchange (or a route from it) the message is dropped, as declared.
    /// Returns whether some queue took it.
    /// </summary>
    public bool DeadLetter(string queue, QueueArguments arguments, Message message, DeadLetterReason reason)
    {
        if (RecordDeath(queue, arguments, message, reason) is not { } dead)
        {
            return false;
        }

        var targets = DeadLetterTargets(queue, dead, reason);
        foreach (var target in targets)
        {
            target.Tell(dead, ActorRefs.NoSender);
        }

        return targets.Count > 0;
    }

    /// <summary>The message as it leaves <paramref name="queue"/> for its dead-letter exchange; null without one.</summary>
    public Message? RecordDeath(string queue, QueueArguments arguments, Message message, DeadLetterReason reason) =>
        arguments.DeadLetterExchange is { } exchange
            ? DeathHistory.Record(message, reason, queue, Clock.GetUtcNow(), exchange, arguments.DeadLetterRoutingKey)
            : null;

    /// <summary>
    /// At-least-once dead-lettering: sends <paramref name="dead"/> (its death already recorded) to the queues its
    /// dead-letter exchange routes it to, with a confirm that completes once they hold it (durably, when it is
    /// persistent and they are durable). Null when no queue would take it now.
    /// </summary>
    public PublishConfirm? DeadLetterConfirmed(string queue, Message dead, DeadLetterReason reason)
    {
        var targets = DeadLetterTargets(queue, dead, reason);
        if (targets.Count == 0)
        {
            return null;
        }

        var confirm = new PublishConfirm(targets.Count);
        foreach (var target in targets)
        {
            ConfirmRelay.Tell(target, new QueueProtocol.Publish(dead, confirm));
        }

        return confirm;
    }

    private List<IActorRef> DeadLetterTargets(string queue, Message dead, DeadLetterReason reason)
    {
        var result = new RouteResult();
        try
        {
            Routing.Route(dead.Exchange, dead, result);
        }
        catch (BrokerException)
        {
            // A dead-letter exchange that was deleted or made internal drops the message, as RabbitMQ does.
            return [];
        }

        var routing = Routing;
        var targets = new List<IActorRef>(result.Queues.Count);
        foreach (var destination in result.Queues)
        {
            // A queue never dead-letters into itself for a message that expired there: that would loop forever.
            if (routing.TryGetQueue(destination.Name, out var target)
                && !(reason == DeadLetterReason.Expired && string.Equals(destination.Name, queue, StringComparison.Ordinal)))
            {
                targets.Add(((QueueEndpoint)target).Actor);
            }
        }

        return targets;
    }
}
