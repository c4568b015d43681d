using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Transactions;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// A transaction that acks deliveries of a stream: a stream keeps every message, so an ack only returns the
/// consumer's credit and there is nothing to make atomic with the outputs. They are published as a confirming
/// publisher would, and the commit completes once their queues hold them (as tx.commit did before atomic commits).
/// </summary>
internal sealed partial class StreamActor
{
    private readonly RouteResult _transactionRoute = new();

    private bool ReceiveTransaction(object message)
    {
        if (message is not TransactionProtocol.QueueCommit commit)
        {
            return false;
        }

        foreach (var tag in commit.QueueTags)
        {
            Settle(commit.ChannelId, tag, multiple: false);
        }

        var published = commit.Outputs.Select(output => _host.PublishConfirmedAsync(output, _transactionRoute)).ToArray();
        Task.WhenAll(published).ContinueWith(
            _ => commit.Done.TrySetResult(true),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return true;
    }
}
