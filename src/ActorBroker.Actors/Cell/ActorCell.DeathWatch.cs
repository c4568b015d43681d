namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (ReferenceEquals(subject, _self) || subject is not IInternalActorRef target)
        {
            return subject;
        }

        bool added;
        lock (this)
        {
            added = (Extras.Watching ??= []).Add(subject);
        }

        if (added)
        {
            target.SendSystemMessage(new WatchRequest(target, _self));
        }

        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        bool removed;
        lock (this)
        {
            var extras = _extras;
            removed = extras?.Watching?.Remove(subject) == true;
            removed |= extras?.TerminatedQueued?.Remove(subject) == true;
        }

        if (removed && subject is IInternalActorRef target)
        {
            target.SendSystemMessage(new UnwatchRequest(target, _self));
        }

        return subject;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (!ReferenceEquals(watcher, _self))
        {
            (Extras.WatchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(IInternalActorRef watcher) => _extras?.WatchedBy?.Remove(watcher);

    /// <summary>A child or a watched actor stopped.</summary>
    private void HandleDeath(IActorRef actor)
    {
        if (actor is LocalActorRef local && ReferenceEquals(local.Cell._parent, _self))
        {
            ChildTerminated(local);
        }

        bool deliver;
        lock (this)
        {
            deliver = _extras?.Watching?.Remove(actor) == true && !IsTerminating && !_mailbox.IsClosed;
            if (deliver)
            {
                (Extras.TerminatedQueued ??= []).Add(actor);
            }
        }

        // Queued behind the user messages already in the mailbox, so Terminated comes after the
        // last message the dead actor sent here.
        if (deliver)
        {
            _mailbox.Post(new Terminated(actor), actor);
        }
    }

    private void DeliverTerminated(Terminated terminated)
    {
        bool stillWatched;
        lock (this)
        {
            stillWatched = _extras?.TerminatedQueued?.Remove(terminated.ActorRef) == true;
        }

        if (stillWatched)
        {
            DeliverToActor(terminated);
        }
    }

    private void NotifyWatchersAndUnwatchAll(CellExtras? extras)
    {
        if (extras is null)
        {
            return;
        }

        if (extras.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                if (!ReferenceEquals(watcher, _parent))
                {
                    watcher.SendSystemMessage(new DeathWatchNotification(_self));
                }
            }
        }

        if (extras.Watching is { } watching)
        {
            foreach (var subject in watching)
            {
                if (subject is IInternalActorRef target)
                {
                    target.SendSystemMessage(new UnwatchRequest(target, _self));
                }
            }
        }
    }
}
