using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Supervision;
using Akka.Actor;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Parent and supervisor of the queue actors of one shard. A queue that crashes is restarted, without limit,
/// with its state intact (it lives in the <see cref="QueueRuntime"/>); the queue itself dead-letters a message
/// that crashes it again and again (<see cref="QueueActor"/>). A queue that cannot even start is stopped.
/// </summary>
internal sealed class QueueShard : ActorBase
{
    private static readonly SupervisorStrategy s_supervision = new OneForOneStrategy(
        maxNrOfRetries: -1,
        withinTimeRange: Timeout.InfiniteTimeSpan,
        localOnlyDecider: Akka.Actor.SupervisorStrategy.DefaultDecider.Decide);

    private readonly Dictionary<string, IActorRef> _queues = new(StringComparer.Ordinal);

    // Durable queues by journal: one actor per journal on a node. A survivor takes a lost node's queue over when the node
    // becomes unreachable, and the queue's entity starts it again here once the coordinator re-homes its shard.
    private readonly Dictionary<string, IActorRef> _journals = new(StringComparer.Ordinal);
    private readonly StopTracker _stops = new();
    private long _incarnation;

    protected override SupervisorStrategy SupervisorStrategy() => s_supervision;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case QueueRegionProtocol.StartQueue { Runtime.PersistenceId: { } journal } when _journals.TryGetValue(journal, out var running):
                Sender.Tell(running);
                break;
            case QueueRegionProtocol.StartQueue start:
                var runtime = start.Runtime;
                // A fresh incarnation number keeps names unique while a deleted queue's actor is still stopping.
                var actor = Context.ActorOf(
                    Props.Create(() => new QueueActor(runtime)),
                    $"{Uri.EscapeDataString(runtime.Name)}-{++_incarnation}");
                _queues[runtime.Name] = actor;
                if (runtime.PersistenceId is { } persistenceId)
                {
                    _journals[persistenceId] = actor;
                    Context.Watch(actor);
                }

                Sender.Tell(actor);
                break;
            case QueueRegionProtocol.StopQueue stop:
                if (_queues.Remove(stop.Name, out var queue))
                {
                    queue.Tell(new QueueProtocol.Stop(DeleteJournal: true));
                }

                break;
            case BrokerSupervisorProtocol.StopQueues:
                // Each queue stops once its journal is decided.
                _stops.StopAll(Context, _queues.Values, new QueueProtocol.Stop(DeleteJournal: false), Sender);
                _queues.Clear();
                break;
            case Terminated terminated:
                // A durable queue stops for good (deleted, fenced, or the broker stops): its journal may start here again.
                foreach (var stopped in _journals.Where(entry => entry.Value.Equals(terminated.ActorRef)).Select(entry => entry.Key).ToList())
                {
                    _journals.Remove(stopped);
                }

                _stops.OnTerminated(terminated.ActorRef);
                break;
            default:
                return false;
        }

        return true;
    }
}
