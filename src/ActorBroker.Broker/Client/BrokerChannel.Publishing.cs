using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    // One routing scratch set per thread: publishing allocates nothing but the message itself.
    [ThreadStatic]
    private static RouteResult? s_route;

    private readonly Lock _publishedToLock = new();
    private readonly HashSet<IActorRef> _publishedTo = [];
    private IActorRef? _lastPublishedTo;

    /// <summary>
    /// Publishes without waiting: the message goes straight to the queues the exchange routes it to. Use
    /// <see cref="WaitForConfirmsAsync"/> to learn when they all have it, or <see cref="PublishAsync"/> for a
    /// per-message confirm. The broker keeps <paramref name="body"/> without copying it.
    /// </summary>
    /// <returns>Whether any queue was routed to (a mandatory message that was not is returned via <see cref="MessageReturned"/>).</returns>
    /// <exception cref="BrokerException">The exchange does not exist (not found) or is internal (access refused).</exception>
    public bool Publish(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties? properties = null, bool mandatory = false)
    {
        var message = CreateMessage(exchange, routingKey, body, properties);
        if (IsDirectReply(exchange, routingKey))
        {
            return PublishDirectReply(message, mandatory);
        }

        var route = Route(message, out var routing);
        if (RefusedByExchangeSchema(route, message))
        {
            return false;
        }

        if (HeldForLater(route, message, confirm: null) || RoutedByDeduplication(route, message, confirm: null))
        {
            return true;
        }

        var queues = route.Queues;
        if (queues.Count == 0)
        {
            ReturnIfMandatory(message, mandatory);
            return false;
        }

        var verdict = default(SchemaVerdict);
        for (var i = 0; i < queues.Count; i++)
        {
            var endpoint = Endpoint(routing, queues[i]);
            if (!Host.AdmittedBySchema(endpoint, message, ref verdict))
            {
                continue;
            }

            var actor = endpoint.Actor;
            actor.Tell(message, ActorRefs.NoSender);
            RememberPublishedTo(actor);
        }

        return true;
    }

    /// <summary>
    /// Publishes and completes once every queue routed to has accepted the message: true when all did (also
    /// when none was routed to), false when one refused it (a full queue with <c>x-overflow</c> reject-publish,
    /// a queue deleted meanwhile, or the schema of the exchange or of a queue).
    /// </summary>
    /// <exception cref="BrokerException">The exchange does not exist (not found) or is internal (access refused).</exception>
    public Task<bool> PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties? properties = null, bool mandatory = false)
    {
        var confirm = new PublishConfirm(queues: 1);
        return PublishConfirmed(exchange, routingKey, body, properties, mandatory, confirm) is { } outcome
            ? Task.FromResult(outcome)
            : confirm.Task;
    }

    /// <summary>
    /// Publishes like <see cref="PublishAsync"/>, and tells <paramref name="listener"/> the outcome of the publish
    /// numbered <paramref name="tag"/> instead of completing a task: for a publisher that confirms every message, a
    /// publish then costs one object for its confirm.
    /// </summary>
    /// <exception cref="BrokerException">The exchange does not exist (not found) or is internal (access refused).</exception>
    public void Publish(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties? properties, bool mandatory, IPublishConfirmListener listener, ulong tag)
    {
        if (PublishConfirmed(exchange, routingKey, body, properties, mandatory, new ListenedConfirm(listener, tag)) is { } outcome)
        {
            listener.Confirmed(tag, outcome);
        }
    }

    /// <summary>
    /// Routes the message and hands <paramref name="confirm"/> to what takes it (its queues, or a delayed or
    /// deduplicating exchange), which settle it: null then. The outcome when it is known at once (a direct reply,
    /// a refusal by the exchange's schema, no queue routed to); <paramref name="confirm"/> is then never settled.
    /// </summary>
    private bool? PublishConfirmed(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties? properties, bool mandatory, PublishConfirm confirm)
    {
        var message = CreateMessage(exchange, routingKey, body, properties);
        if (IsDirectReply(exchange, routingKey))
        {
            // Confirmed whether or not the requester was there, as RabbitMQ confirms a reply it drops.
            PublishDirectReply(message, mandatory);
            return true;
        }

        var route = Route(message, out var routing);
        if (RefusedByExchangeSchema(route, message))
        {
            return false;
        }

        if (route.Delayed || route.Deduplicating)
        {
            // Such an exchange settles it once, when it holds the message or has it in its queues.
            confirm.Expect(1);
            if (HeldForLater(route, message, confirm) || RoutedByDeduplication(route, message, confirm))
            {
                return null;
            }
        }

        var queues = route.Queues;
        if (queues.Count == 0)
        {
            ReturnIfMandatory(message, mandatory);
            return true;
        }

        confirm.Expect(queues.Count);
        var publish = new QueueProtocol.Publish(message, confirm);
        var verdict = default(SchemaVerdict);
        for (var i = 0; i < queues.Count; i++)
        {
            var endpoint = Endpoint(routing, queues[i]);
            if (Host.AdmittedBySchema(endpoint, message, ref verdict))
            {
                ConfirmRelay.Tell(endpoint.Actor, publish);
            }
            else
            {
                confirm.Settle(false);
            }
        }

        return null;
    }

    /// <summary>
    /// Completes when every message published with <see cref="Publish(string, string, ReadOnlyMemory{byte}, BasicProperties?, bool)"/> on this channel so far has been
    /// taken by its queues: true, or false when a queue was deleted before taking them.
    /// </summary>
    public Task<bool> WaitForConfirmsAsync()
    {
        ThrowIfClosed();
        IActorRef[] queues;
        lock (_publishedToLock)
        {
            queues = [.. _publishedTo];
            _publishedTo.Clear();
            _lastPublishedTo = null;
        }

        var confirm = new PublishConfirm(queues.Length);
        foreach (var queue in queues)
        {
            ConfirmRelay.Tell(queue, new QueueProtocol.ConfirmBarrier(confirm));
        }

        return confirm.Task;
    }

    private static QueueEndpoint Endpoint(RoutingTable routing, Destination destination)
    {
        routing.TryGetQueue(destination.Name, out var endpoint);
        return (QueueEndpoint)endpoint;
    }

    private Message CreateMessage(string exchange, string routingKey, ReadOnlyMemory<byte> body, BasicProperties? properties)
    {
        ThrowIfClosed();
        return new Message(exchange, routingKey, properties ?? BasicProperties.Empty, body);
    }

    private RouteResult Route(Message message, out RoutingTable routing)
    {
        var route = s_route ??= new RouteResult();
        routing = Host.Routing;
        routing.Route(message.Exchange, message, route);
        return route;
    }

    private void ReturnIfMandatory(Message message, bool mandatory)
    {
        if (mandatory)
        {
            MessageReturned?.Invoke(this, new MessageReturnedEventArgs(BrokerErrorCode.NoRoute, "NO_ROUTE", message));
        }
    }

    private void RememberPublishedTo(IActorRef queue)
    {
        // Publishers mostly hit the same queue again and again; only a change takes the lock.
        if (ReferenceEquals(Volatile.Read(ref _lastPublishedTo), queue))
        {
            return;
        }

        lock (_publishedToLock)
        {
            _publishedTo.Add(queue);
            _lastPublishedTo = queue;
        }
    }
}
