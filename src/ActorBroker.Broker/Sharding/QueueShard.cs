using ActorBroker.Actors;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Sharding;

/// <summary>Parent and supervisor of the queue actors of one shard, with poison-message supervision.</summary>
internal sealed class QueueShard(int maxQueueCrashes) : ActorBase
{
    private readonly Dictionary<string, IActorRef> _queues = new(StringComparer.Ordinal);

    // One instance: it counts crashes per message across failures.
    private readonly SupervisorStrategy _supervision = PoisonMessageSupervision.Create(maxQueueCrashes);
    private long _incarnation;

    protected override SupervisorStrategy SupervisorStrategy() => _supervision;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case QueueRegionProtocol.StartQueue start:
                var runtime = start.Runtime;
                // A fresh incarnation number keeps names unique while a deleted queue's actor is still stopping.
                var actor = Context.ActorOf(
                    Props.Create(() => new QueueActor(runtime)),
                    $"{Uri.EscapeDataString(runtime.Name)}-{++_incarnation}");
                _queues[runtime.Name] = actor;
                Sender.Tell(actor);
                break;
            case QueueRegionProtocol.StopQueue stop:
                if (_queues.Remove(stop.Name, out var queue))
                {
                    Context.Stop(queue);
                }

                break;
            default:
                return false;
        }

        return true;
    }
}
