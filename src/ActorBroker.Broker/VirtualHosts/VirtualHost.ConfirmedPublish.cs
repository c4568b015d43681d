using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    /// <summary>
    /// Publishes from inside the broker (an actor that owns messages, not a client channel) as a confirmed publish
    /// does: through the bindings of <paramref name="message"/>'s exchange as they are now, to every queue whose
    /// schema admits it. Completes true once all took it (also when none was routed to), false when one refused it,
    /// a schema refused it or the exchange is gone. <paramref name="scratch"/> is the caller's routing set.
    /// </summary>
    public Task<bool> PublishConfirmedAsync(Message message, RouteResult scratch) => PublishConfirmed(message, scratch).Task;

    /// <summary>
    /// Publishes a committed transaction's output until every queue it routes to decided it: took it, or refused it
    /// (full with reject-publish, its schema, the exchange gone), which drops it as RabbitMQ drops a refused publish of
    /// a transaction. A queue that could not store it is asked again (<see cref="ConfirmRetry"/>): the output is
    /// committed, so dropping it loses it. A repeat reaches every queue of the route again, which a deduplicating
    /// queue takes once. Each repeat routes with a set of its own, off the caller's thread.
    /// </summary>
    public Task ForwardCommittedAsync(Message output, RouteResult scratch) =>
        ConfirmRetry.UntilStoredAsync(PublishConfirmed(output, scratch), (Host: this, Output: output), static again => again.Host.PublishConfirmed(again.Output, new RouteResult()), Clock);

    private PublishConfirm PublishConfirmed(Message message, RouteResult scratch)
    {
        var routing = Routing;
        try
        {
            routing.Route(message.Exchange, message, scratch);
        }
        catch (BrokerException)
        {
            var refused = new PublishConfirm(1);
            refused.Settle(false);
            return refused;
        }

        var confirm = new PublishConfirm(scratch.Queues.Count);
        var publish = new QueueProtocol.Publish(message, confirm);
        var verdict = default(SchemaVerdict);
        foreach (var queue in scratch.Queues)
        {
            if (routing.TryGetQueue(queue.Name, out var found) && found is QueueEndpoint endpoint && AdmittedBySchema(endpoint, message, ref verdict))
            {
                ConfirmRelay.Tell(endpoint.Actor, publish);
            }
            else
            {
                confirm.Settle(false);
            }
        }

        return confirm;
    }
}
