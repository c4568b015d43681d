using Akka.Actor;

namespace ActorBroker.Broker.Errors;

/// <summary>
/// A request reached a queue's actor that stopped before answering: the queue was deleted, or its node left or failed
/// and the queue is moving to another node. Not found (404), as RabbitMQ answers for a durable queue whose home node is
/// down; asking again finds the queue where the routing names it by then.
/// </summary>
internal sealed class QueueGoneException(string queue, string virtualHost, IActorRef actor)
    : BrokerException(
        BrokerErrorCode.NotFound,
        $"queue '{queue}' in vhost '{virtualHost}' stopped on node {actor.Path.Address} before it answered: it was deleted, or its node left or is down and the queue is moving to another node; retry");
