namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    internal Envelope CurrentEnvelope()
    {
        if (_currentMessage is null)
        {
            throw new InvalidOperationException("Stash() can only be called while the actor is handling a message.");
        }

        return new Envelope(_currentMessage, _currentSender);
    }

    /// <summary>Puts messages in front of everything else waiting, keeping their order.</summary>
    internal void Prepend(IReadOnlyCollection<Envelope> envelopes)
    {
        var extras = Extras;
        var waiting = extras.Unstashed;
        var front = new Queue<Envelope>(envelopes.Count + (waiting?.Count ?? 0));
        foreach (var envelope in envelopes)
        {
            front.Enqueue(envelope);
        }

        if (waiting is not null)
        {
            foreach (var envelope in waiting)
            {
                front.Enqueue(envelope);
            }
        }

        extras.Unstashed = front;
    }
}
