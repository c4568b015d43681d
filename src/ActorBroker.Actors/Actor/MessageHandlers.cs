namespace ActorBroker.Actors;

/// <summary>One typed handler of a <see cref="ReceiveActor"/>.</summary>
internal abstract class MessageHandler
{
    public abstract bool TryHandle(object message);
}

/// <summary>The handlers of one behavior, tried in declaration order.</summary>
internal sealed class HandlerSet
{
    private MessageHandler[] _handlers = [];

    public void Add(MessageHandler handler)
    {
        var grown = new MessageHandler[_handlers.Length + 1];
        _handlers.CopyTo(grown, 0);
        grown[^1] = handler;
        _handlers = grown;
    }

    public bool TryHandle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler.TryHandle(message))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
        {
            return false;
        }

        handler(typed);
        return true;
    }
}

internal sealed class FuncHandler<T>(Func<T, bool> handler) : MessageHandler
{
    public override bool TryHandle(object message) => message is T typed && handler(typed);
}

internal sealed class AsyncHandler<T>(ActorBase owner, Func<T, Task> handler, Predicate<T>? shouldHandle) : MessageHandler
{
    public override bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
        {
            return false;
        }

        var task = handler(typed)
            ?? throw new InvalidOperationException($"The async handler for {typeof(T).Name} returned a null task.");
        if (task.IsCompleted)
        {
            // Completed synchronously: a fault is thrown here so it fails this message like a sync handler.
            task.GetAwaiter().GetResult();
        }
        else
        {
            owner.Cell.SuspendUntilCompleted(task);
        }

        return true;
    }
}
