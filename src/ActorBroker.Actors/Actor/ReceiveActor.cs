namespace ActorBroker.Actors;

/// <summary>
/// An actor whose handlers are declared by type in its constructor (or inside <see cref="Become"/>).
/// A message goes to the first matching handler in declaration order; none matching makes it unhandled.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerSet? _configuring = new();
    private HandlerSet? _current;
    private Stack<HandlerSet>? _behaviors;

    /// <summary>Handles messages of type <typeparamref name="T"/> (for which <paramref name="shouldHandle"/> holds).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new ActionHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/>; returning false passes the message on to later handlers.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new FuncHandler<T>(handler));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: until the returned task completes the
    /// actor takes no other user message (system messages such as supervision still proceed). A faulted task
    /// is a failure of this message.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new AsyncHandler<T>(this, handler, shouldHandle));
    }

    /// <summary>Handles any message not taken by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(new ActionHandler<object>(handler, null));
    }

    /// <summary>
    /// Replaces all handlers with those <paramref name="configure"/> registers, and forgets stacked behaviors.
    /// Called in the constructor, it chooses the initial behavior.
    /// </summary>
    protected void Become(Action configure)
    {
        _current = Build(configure);
        _behaviors?.Clear();
    }

    /// <summary>Switches to the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> returns to the current ones.</summary>
    protected void BecomeStacked(Action configure)
    {
        var next = Build(configure);
        (_behaviors ??= new()).Push(_current ?? _configuring!);
        _current = next;
    }

    /// <summary>Returns to the handlers that were active before the last <see cref="BecomeStacked"/>; does nothing when there is none.</summary>
    protected void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _current = _behaviors.Pop();
        }
    }

    protected sealed override bool Receive(object message) => _current!.TryHandle(message);

    internal override void OnCreated()
    {
        // A Become in the constructor has already chosen the initial behavior.
        _current ??= _configuring;
        _configuring = null;
    }

    private HandlerSet Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _configuring;
        var set = new HandlerSet();
        _configuring = set;
        try
        {
            configure();
        }
        finally
        {
            _configuring = outer;
        }

        return set;
    }

    private void Register(MessageHandler handler)
    {
        if (_configuring is null)
        {
            throw new InvalidOperationException(
                $"{GetType().Name}: handlers can only be declared in the constructor or inside Become/BecomeStacked.");
        }

        _configuring.Add(handler);
    }
}
