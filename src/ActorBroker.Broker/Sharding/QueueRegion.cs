using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Supervision;
using Akka.Actor;

namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Finds queues: queue name → shard → actor (Akka's ShardRegion idea). On one node every shard is local;
/// in a cluster a shard's owner may be another node, and only this lookup changes. Publishers do not pass
/// through here on every message: the virtual host caches the resolved actor in its routing snapshot.
/// </summary>
internal sealed class QueueRegion(int shards, TimeSpan timeout) : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is BrokerSupervisorProtocol.StopQueues stopQueues)
        {
            Context.GetChildren().AskAllThenReply(stopQueues, timeout, Sender);
            return true;
        }

        var name = message switch
        {
            QueueRegionProtocol.StartQueue start => start.Runtime.Name,
            QueueRegionProtocol.StopQueue stop => stop.Name,
            _ => null,
        };
        if (name is null)
        {
            return false;
        }

        ShardFor(name).Forward(message);
        return true;
    }

    private IActorRef ShardFor(string queueName)
    {
        var name = "shard-" + ShardId.Of(queueName, shards);
        var shard = Context.Child(name);
        return shard.IsNobody() ? Context.ActorOf(Props.Create(() => new QueueShard()), name) : shard;
    }
}
