using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Supervision;
using Akka.Actor;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// Parent of a virtual host's stream actors (the streams' counterpart of the queue region). A stream that fails is
/// restarted by Akka's default strategy, which makes it recover from its journal.
/// </summary>
internal sealed class StreamRegion : ActorBase
{
    private readonly Dictionary<string, IActorRef> _streams = new(StringComparer.Ordinal);
    private readonly StopTracker _stops = new();
    private long _incarnation;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case StreamProtocol.StartStream start:
                var options = start.Options;
                // A fresh incarnation number keeps names unique while a deleted stream's actor is still stopping.
                var actor = Context.ActorOf(
                    Props.Create(() => new StreamActor(start.Name, start.Declaration, start.Settings, start.PersistenceId, start.Host, options)),
                    $"{Uri.EscapeDataString(start.Name)}-{++_incarnation}");
                _streams[start.Name] = actor;
                Sender.Tell(actor);
                return true;
            case StreamProtocol.StopStream stop:
                if (_streams.Remove(stop.Name, out var stream))
                {
                    Context.Stop(stream);
                }

                return true;
            case BrokerSupervisorProtocol.StopQueues:
                _stops.StopAll(Context, _streams.Values, StreamProtocol.StopAfterWrites.Instance, Sender);
                _streams.Clear();
                return true;
            case Terminated terminated when _stops.OnTerminated(terminated.ActorRef):
                return true;
            default:
                return false;
        }
    }
}
