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
    public Task<bool> PublishConfirmedAsync(Message message, RouteResult scratch)
    {
        var routing = Routing;
        try
        {
            routing.Route(message.Exchange, message, scratch);
        }
        catch (BrokerException)
        {
            return Task.FromResult(false);
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

        return confirm.Task;
    }
}
