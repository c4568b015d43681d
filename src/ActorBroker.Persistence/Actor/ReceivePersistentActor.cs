namespace ActorBroker.Persistence;

/// <summary>
/// A <see cref="PersistentActor"/> whose handlers are declared in the constructor, like the kernel's
/// ReceiveActor: <see cref="Recover{T}"/> for events, snapshots and <see cref="RecoveryCompleted"/>,
/// <see cref="Command{T}"/> for commands. The first matching handler, in declaration order, wins.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recoverHandlers = [];
    private readonly List<Func<object, bool>> _commandHandlers = [];

    /// <summary>Handles replayed messages of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler) => _recoverHandlers.Add(Match(handler, null));

    /// <summary>Handles commands of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> holds.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _commandHandlers.Add(Match(handler, shouldHandle));

    /// <summary>Handles every command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => _commandHandlers.Add(Match(handler, null));

    protected sealed override bool ReceiveRecover(object message) => Dispatch(_recoverHandlers, message);

    protected sealed override bool ReceiveCommand(object message) => Dispatch(_commandHandlers, message);

    private static Func<object, bool> Match<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        };
    }

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler(message))
            {
                return true;
            }
        }

        return false;
    }
}
