using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Transactions;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Commits a transaction atomically when it can: its settlements are acks (of deliveries from any queues, beside
    /// which nacks with requeue return their deliveries at once, whatever the outcome), or it has none and publishes
    /// into a queue; its publishes go to plain exchanges (not delayed, not deduplicating, not
    /// direct reply-to). The queue of the first ack (without acks: the first queue the first publish reaches)
    /// journals its acks, the other queues' acks and the outputs in one write, so after a crash either all took
    /// effect or none did; the other queues' acks and the outputs are applied once it is durable (again after a
    /// crash, until they are). Completes true once the outputs are in their queues; false when the transaction does
    /// not qualify, and then nothing was done: the caller settles and publishes one by one. The mandatory flag is
    /// not honoured on this path.
    /// </summary>
    /// <exception cref="Errors.BrokerException">
    /// An exchange does not exist, an ack names an unknown tag, or a delivery was taken back meanwhile (then the
    /// deliveries the transaction acked go back to their queues, to be redelivered).
    /// </exception>
    public async Task<bool> CommitAtomicallyAsync(IReadOnlyList<TransactionPublish> publishes, IReadOnlyList<TransactionSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(publishes);
        ArgumentNullException.ThrowIfNull(settlements);
        if (!settlements.All(s => s.Ack || s.Requeue) || (settlements.Count == 0 && publishes.Count == 0))
        {
            return false;
        }

        var outputs = new Message[publishes.Count];
        IActorRef? holder = null;
        for (var i = 0; i < outputs.Length; i++)
        {
            var publish = publishes[i];
            var message = CreateMessage(publish.Exchange, publish.RoutingKey, publish.Body, publish.Properties);
            var route = Route(message, out var routing);
            if (IsDirectReply(publish.Exchange, publish.RoutingKey) || route.Delayed || route.Deduplicating)
            {
                return false;
            }

            holder ??= Holder(routing, route);
            outputs[i] = message;
        }

        if (settlements.Count == 0 && holder is null)
        {
            return false;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _actor.Tell(new TransactionProtocol.ChannelCommit(settlements, outputs, holder, done), ActorRefs.NoSender);
        // A channel or queue that stopped meanwhile never answers: the commit then fails after the operation timeout.
        return await done.Task.WaitAsync(Timeout).ConfigureAwait(false);
    }

    /// <summary>Where a transaction without acks keeps its commit record: the first durable queue of the route, else its first queue.</summary>
    private static IActorRef? Holder(RoutingTable routing, RouteResult route)
    {
        QueueEndpoint? first = null;
        foreach (var destination in route.Queues)
        {
            var endpoint = Endpoint(routing, destination);
            if (endpoint.Declaration.Durable)
            {
                return endpoint.Actor;
            }

            first ??= endpoint;
        }

        return first?.Actor;
    }
}
