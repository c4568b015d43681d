using ActorBroker.Broker.Errors;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// A queue on another node ends with its node (killed, or downed and removed from the cluster) without a word to its
/// consumers: this channel watches the remote queues it consumes from, and death watch across nodes tells it; a
/// survivor that takes the queue over before the node is removed tells it sooner, through this node's host
/// (<see cref="QueueMoved"/>, on the event stream, to which a channel subscribes once it uses a remote queue). Its
/// consumers of that queue are then cancelled as for a deleted queue (basic.cancel to an AMQP client that announced
/// consumer_cancel_notify, <c>SubscriptionCancelled</c> to an Akka client), so that the client consumes again. Not at
/// once: only when this node's routing no longer names the dead actor for the queue, because the node that adopted the
/// queue has replicated its new actor (<c>VirtualHostActor.QueueEntities</c>) or the queue left the routing. A client that
/// consumes again at once then finds the adopted queue rather than the dead actor. A queue still routed to the dead
/// actor after the operation timeout (nobody adopted it) has its consumers cancelled all the same.
/// The channel's unacked deliveries of the dead actor are forgotten: the adopter recovered their messages, flagged
/// redelivered. An ack, nack or reject of their tags is accepted and goes nowhere, as RabbitMQ ignores settlements
/// for a queue that is gone, rather than closing the channel for an unknown delivery tag. A get it had asked of the
/// queue fails as a request to a stopped queue does (<see cref="QueueGoneException"/>).
/// </summary>
internal sealed partial class ChannelActor
{
    // How often a lost queue's name is looked up again; the wait is a replication from the adopter, below a second.
    private static readonly TimeSpan s_movedCheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<IActorRef, LostQueue> _lostQueues = [];
    private bool _hearsOfMoves;

    public ITimerScheduler Timers { get; set; } = null!;

    private void WatchIfRemote(IActorRef queue)
    {
        if (queue.Path.Address.HasLocalScope)
        {
            return;
        }

        Context.Watch(queue);
        if (!_hearsOfMoves)
        {
            _hearsOfMoves = Context.System.EventStream.Subscribe(Self, typeof(QueueMoved));
        }
    }

    private void StopHearingOfMoves()
    {
        if (_hearsOfMoves)
        {
            Context.System.EventStream.Unsubscribe(Self, typeof(QueueMoved));
        }
    }

    private void OnQueueTerminated(IActorRef queue)
    {
        // A get it will never answer: its caller stopped waiting already (it watches the queue too); this frees it here.
        foreach (var (id, get) in _gets.Where(pending => pending.Value.Queue.Equals(queue)).ToList())
        {
            _gets.Remove(id);
            get.Result.TrySetException(new QueueGoneException(get.QueueName, channel.Connection.Host.Name, queue));
        }

        for (var i = 0; i < _tags.Count; i++)
        {
            ref var entry = ref _tags.At(i);
            if (!entry.Settled && entry.Queue.Equals(queue))
            {
                entry.ForgetQueue();
            }
        }

        var name = _consumers.Values.FirstOrDefault(c => c.Queue.Equals(queue))?.QueueName;
        if (name is null)
        {
            return;
        }

        _lostQueues[queue] = new LostQueue(name, Environment.TickCount64 + (long)options.OperationTimeout.TotalMilliseconds);
        CancelMovedConsumers();
    }

    private void CancelMovedConsumers()
    {
        foreach (var (queue, lost) in _lostQueues.ToList())
        {
            if (StillRoutedTo(lost.Name, queue) && Environment.TickCount64 < lost.GiveUpAt)
            {
                continue;
            }

            _lostQueues.Remove(queue);
            foreach (var consumer in _consumers.Values.Where(c => c.Queue.Equals(queue)).ToList())
            {
                Cancel(consumer.Tag, consumer.QueueName);
            }
        }

        if (_lostQueues.Count == 0)
        {
            Timers.Cancel(nameof(CheckMovedQueues));
        }
        else if (!Timers.IsTimerActive(nameof(CheckMovedQueues)))
        {
            Timers.StartPeriodicTimer(nameof(CheckMovedQueues), CheckMovedQueues.Instance, s_movedCheckInterval);
        }
    }

    private bool StillRoutedTo(string name, IActorRef queue) =>
        channel.Connection.Host.Routing.TryGetQueue(name, out var endpoint) && ((QueueEndpoint)endpoint).Actor.Equals(queue);

    private sealed record LostQueue(string Name, long GiveUpAt);

    private sealed record CheckMovedQueues
    {
        public static CheckMovedQueues Instance { get; } = new();
    }
}
