using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Streams;

internal sealed partial class StreamActor
{
    /// <summary>The questions of channels and the management API, and what a stream refuses of a queue's requests.</summary>
    private bool ReceiveAdmin(object message)
    {
        switch (message)
        {
            case QueueProtocol.GetInfo:
                Sender.Tell(Info());
                break;
            case QueueProtocol.ListConsumers:
                Sender.Tell(_consumers.Values.Select(c => c.Spec).ToArray());
                break;
            case QueueProtocol.Get get:
                Sender.Tell(new QueueProtocol.GetFailed(get.RequestId, BrokerException.NotImplemented($"basic.get not supported by stream queues {Resource}")));
                break;
            case QueueProtocol.Purge:
                Sender.Tell(new Status.Failure(BrokerException.NotImplemented($"purge not supported by stream queues {Resource}")));
                break;
            case QueueProtocol.Peek or QueueProtocol.Redrive:
                Sender.Tell(new Status.Failure(BrokerException.NotImplemented($"{message.GetType().Name.ToLowerInvariant()} not supported by stream queues {Resource}: consume with an x-stream-offset instead")));
                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>A stream's messages are all ready (consuming removes none); bytes are the bodies the index counts.</summary>
    private QueueInfo Info()
    {
        var counters = new QueueCounters(
            Ready: (int)Math.Min(_index.Count, int.MaxValue),
            // A stream's messages are all "ready" (consuming removes none), so the outstanding ones are not counted twice.
            Unacked: 0,
            Delayed: 0,
            Consumers: _consumers.Count,
            ReadyBytes: _index.Bytes,
            Published: _published,
            Delivered: _delivered,
            Redelivered: 0,
            Acked: _acked,
            DeadLettered: 0)
        {
            InMemoryBodies = (int)_tail.Messages,
        };
        return new QueueInfo(_name, _declaration, counters, 0, 0, 0);
    }
}
