using Akka.Actor;

namespace ActorBroker.Broker.Actors;

/// <summary>
/// For a parent that stops its children gracefully (each with its own stop message, which lets it finish its
/// journal writes first): watches them and answers <see cref="Akka.Done"/> to everyone who asked once all are gone.
/// The parent passes its <see cref="Terminated"/> signals to <see cref="OnTerminated"/>.
/// </summary>
internal sealed class StopTracker
{
    private readonly HashSet<IActorRef> _stopping = [];
    private readonly List<IActorRef> _waiting = [];

    /// <summary>Sends <paramref name="stop"/> to each of <paramref name="children"/> and answers <paramref name="replyTo"/> once all have stopped.</summary>
    public void StopAll(IActorContext context, IEnumerable<IActorRef> children, object stop, IActorRef replyTo)
    {
        _waiting.Add(replyTo);
        foreach (var child in children)
        {
            context.Watch(child);
            _stopping.Add(child);
            child.Tell(stop, context.Self);
        }

        ReplyIfAllStopped();
    }

    /// <returns>Whether the stopped actor was one this tracker waited for.</returns>
    public bool OnTerminated(IActorRef actor)
    {
        if (!_stopping.Remove(actor))
        {
            return false;
        }

        ReplyIfAllStopped();
        return true;
    }

    private void ReplyIfAllStopped()
    {
        if (_stopping.Count > 0)
        {
            return;
        }

        foreach (var waiting in _waiting)
        {
            waiting.Tell(Akka.Done.Instance);
        }

        _waiting.Clear();
    }
}
