using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Transactions;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Commits a transaction atomically when it can: its settlements are acks of deliveries from one queue and its
    /// publishes go to plain exchanges (not delayed, not deduplicating, not direct reply-to). That queue journals
    /// the acks and the outputs in one write, so after a crash either all took effect or none did; the outputs
    /// reach their queues once it is durable (again after a crash, until they have). Completes true once the
    /// outputs are in their queues; false when the transaction does not qualify, and then nothing was done: the
    /// caller settles and publishes one by one. The mandatory flag is not honoured on this path.
    /// </summary>
    /// <exception cref="Errors.BrokerException">An exchange does not exist, an ack names an unknown tag, or a delivery was taken back meanwhile.</exception>
    public async Task<bool> CommitAtomicallyAsync(IReadOnlyList<TransactionPublish> publishes, IReadOnlyList<TransactionSettlement> settlements)
    {
        ArgumentNullException.ThrowIfNull(publishes);
        ArgumentNullException.ThrowIfNull(settlements);
        if (settlements.Count == 0 || !settlements.All(s => s.Ack))
        {
            return false;
        }

        var outputs = new Message[publishes.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var publish = publishes[i];
            var message = CreateMessage(publish.Exchange, publish.RoutingKey, publish.Body, publish.Properties);
            if (IsDirectReply(publish.Exchange, publish.RoutingKey) || Route(message, out _) is { Delayed: true } or { Deduplicating: true })
            {
                return false;
            }

            outputs[i] = message;
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _actor.Tell(new TransactionProtocol.ChannelCommit(settlements, outputs, done), ActorRefs.NoSender);
        // A channel or queue that stopped meanwhile never answers: the commit then fails after the operation timeout.
        return await done.Task.WaitAsync(Timeout).ConfigureAwait(false);
    }
}
