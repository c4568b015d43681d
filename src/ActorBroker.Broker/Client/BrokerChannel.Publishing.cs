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
        var message = CreateMessage(exchange, routingKey, body, properties);
        if (IsDirectReply(exchange, routingKey))
        {
            // Confirmed whether or not the requester was there, as RabbitMQ confirms a reply it drops.
            PublishDirectReply(message, mandatory);
            return Task.FromResult(true);
        }

        var route = Route(message, out var routing);
        if (RefusedByExchangeSchema(route, message))
        {
            return Task.FromResult(false);
        }

        // Only a delayed or deduplicating exchange takes the message over: no confirm is allocated for it otherwise.
        if ((route.Delayed || route.Deduplicating) && new PublishConfirm(1) is var held
            && (HeldForLater(route, message, held) || RoutedByDeduplication(route, message, held)))
        {
            return held.Task;
        }

        var queues = route.Queues;
        if (queues.Count == 0)
        {
            ReturnIfMandatory(message, mandatory);
            return Task.FromResult(true);
        }

        var confirm = new PublishConfirm(queues.Count);
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

        return confirm.Task;
    }

    /// <summary>
    /// Completes when every message published with <see cref="Publish"/> on this channel so far has been
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
