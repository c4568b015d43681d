namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    private const string GeneratedNameDigits = "abcdefghijklmnopqrstuvwxyz0123456789";

    public IEnumerable<IActorRef> Children
    {
        get
        {
            lock (this)
            {
                return ChildrenSnapshot();
            }
        }
    }

    public IActorRef? Child(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (this)
        {
            return _extras?.Children is { } children && children.TryGetValue(name, out var child) ? child : null;
        }
    }

    /// <summary>Thread-safe: the system creates top-level actors from any thread through the guardian's cell.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ValidateName(name);
        }

        ActorCell cell;
        lock (this)
        {
            if (IsTerminating || _mailbox.IsClosed)
            {
                throw new InvalidOperationException($"Cannot create a child of {_self.Path}: it is stopping.");
            }

            var extras = Extras;
            var children = extras.Children ??= new Dictionary<string, LocalActorRef>(StringComparer.Ordinal);
            name ??= GenerateName(extras.ChildNameCounter++);
            if (children.ContainsKey(name))
            {
                throw new InvalidActorNameException($"The name '{name}' is already taken by a child of {_self.Path}.");
            }

            cell = new ActorCell(_system, _self, props, _self.Path.Child(name));
            children.Add(name, cell.SelfRef);
        }

        cell.Start();
        return cell.SelfRef;
    }

    public void Stop(IActorRef child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child is LocalActorRef local && ReferenceEquals(local.Cell._parent, _self))
        {
            StopChild(local);
        }
        else if (child is IInternalActorRef target)
        {
            target.SendSystemMessage(new TerminateActor());
        }
    }

    internal LocalActorRef[] LiveChildren()
    {
        lock (this)
        {
            return ChildrenSnapshot();
        }
    }

    private LocalActorRef[] ChildrenSnapshot()
    {
        var children = _extras?.Children;
        return children is null || children.Count == 0 ? [] : [.. children.Values];
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException("An actor name must not be empty.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor names starting with '$' are reserved for generated names: '{name}'.");
        }

        foreach (var c in name)
        {
            if (c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new InvalidActorNameException(
                    $"An actor name must not contain '/', whitespace or control characters: '{name}'.");
            }
        }
    }

    private static string GenerateName(long counter)
    {
        Span<char> buffer = stackalloc char[16];
        var position = buffer.Length;
        do
        {
            buffer[--position] = GeneratedNameDigits[(int)(counter % GeneratedNameDigits.Length)];
            counter /= GeneratedNameDigits.Length;
        }
        while (counter > 0);

        buffer[--position] = '$';
        return new string(buffer[position..]);
    }

    private void StopChild(LocalActorRef child)
    {
        lock (this)
        {
            if (!child.Cell._stopRequestedByParent && IsChild(child))
            {
                child.Cell._stopRequestedByParent = true;
                Extras.StoppingChildren++;
            }
        }

        child.SendSystemMessage(new TerminateActor());
    }

    private bool IsChild(LocalActorRef child)
    {
        lock (this)
        {
            return _extras?.Children is { } children
                && children.TryGetValue(child.Path.Name, out var current)
                && ReferenceEquals(current, child);
        }
    }

    /// <summary>Forgets a stopped child; finishes a stop or restart that was waiting for it.</summary>
    private void ChildTerminated(LocalActorRef child)
    {
        int remaining;
        lock (this)
        {
            var extras = _extras;
            if (extras?.Children is not { } children
                || !children.TryGetValue(child.Path.Name, out var current)
                || !ReferenceEquals(current, child))
            {
                return;
            }

            children.Remove(child.Path.Name);
            if (child.Cell._stopRequestedByParent)
            {
                extras.StoppingChildren--;
            }

            remaining = children.Count;
        }

        if (IsTerminating)
        {
            if (remaining == 0)
            {
                FinishTerminate();
            }
        }
        else if (_extras is { PendingRestartCause: { } cause, StoppingChildren: 0 })
        {
            FinishRecreate(cause);
        }
    }
}
