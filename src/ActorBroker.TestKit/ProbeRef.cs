using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>The reference of a test probe: messages go straight into the probe's queue, no actor involved.</summary>
internal sealed class ProbeRef(TestProbe probe, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        probe.Enqueue(message, sender);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification death && probe.StopWatching(death.Actor))
        {
            probe.Enqueue(new Terminated(death.Actor), death.Actor);
        }
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"TestProbe[{Path}]";
}
