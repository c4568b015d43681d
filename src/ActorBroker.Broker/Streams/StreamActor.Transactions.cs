using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Transactions;
using Akka.Actor;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// A transaction that acks deliveries of a stream: a stream keeps every message, so an ack only returns the
/// consumer's credit and there is nothing to make atomic with the outputs. Alone, the stream publishes the outputs
/// as a confirming publisher would, and the commit completes once their queues hold them; beside other queues, it
/// hands the decision to the next of them and takes part like any queue, settling its acks when asked to lock them.
/// </summary>
internal sealed partial class StreamActor
{
    private readonly RouteResult _transactionRoute = new();

    private bool ReceiveTransaction(object message)
    {
        switch (message)
        {
            case TransactionProtocol.QueueCommit { Participants.Count: > 0 } commit when commit.Hops < commit.Participants.Count + 1:
                // The next queue decides, with this stream among the others (after a full round, only streams remain).
                var next = commit.Participants[0];
                next.Queue.Tell(commit with
                {
                    QueueTags = next.QueueTags,
                    Participants = [.. commit.Participants.Skip(1), new TransactionProtocol.Participant(Self, commit.QueueTags)],
                    Hops = commit.Hops + 1,
                });
                return true;
            case TransactionProtocol.QueueCommit commit:
                foreach (var participant in commit.Participants)
                {
                    participant.Queue.Tell(new TransactionProtocol.Lock(0, commit.ChannelId, participant.QueueTags, new TaskCompletionSource<RemoteAcks>()));
                }

                SettleAll(commit.ChannelId, commit.QueueTags);
                var published = commit.Outputs.Select(output => _host.ForwardCommittedAsync(output, _transactionRoute)).ToArray();
                Task.WhenAll(published).ContinueWith(
                    _ => commit.Done.TrySetResult(true),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                return true;
            case TransactionProtocol.Lock request:
                SettleAll(request.ChannelId, request.QueueTags);
                request.Locked.TrySetResult(new RemoteAcks(_name, PersistenceId: null, []));
                return true;
            case TransactionProtocol.ApplyAcks apply:
                apply.Applied.Settle(true);
                return true;
            case TransactionProtocol.Release:
                return true;
            default:
                return false;
        }
    }

    private void SettleAll(long channelId, ulong[] tags)
    {
        foreach (var tag in tags)
        {
            Settle(channelId, tag, multiple: false);
        }
    }
}
