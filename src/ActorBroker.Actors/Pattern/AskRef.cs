using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Actors;

/// <summary>
/// The temporary reply address of one Ask: not an actor (no cell, no mailbox), just a task completed by
/// the first reply, by the timeout or by cancellation.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The timer is disposed as soon as the Ask completes; nobody else could dispose it.")]
internal sealed class AskRef<T> : TaskCompletionSource<T>, IInternalActorRef
{
    private static readonly ActorPath s_path = ActorPath.Root.Child("temp").Child("ask");

    private readonly IActorRef _target;
    private readonly object _message;
    private readonly TimeSpan _timeout;
    private Timer? _timer;
    private CancellationTokenRegistration _cancellation;

    public AskRef(IActorRef target, object message, TimeSpan timeout)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _target = target;
        _message = message;
        _timeout = timeout;
    }

    public ActorPath Path => s_path;

    public bool IsTerminated => Task.IsCompleted;

    public void Start(CancellationToken cancellationToken)
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = new Timer(static state => ((AskRef<T>)state!).TimeOut(), this, _timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static state => ((AskRef<T>)state!).Cancel(), this);
        }

        _target.Tell(_message, this);
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            Status.Failure failure => TrySetException(failure.Cause),
            T reply => TrySetResult(reply),
            Status.Success { Value: T value } => TrySetResult(value),
            _ => TrySetException(new InvalidCastException(
                $"Ask of {_message.GetType().Name} to {_target.Path} expected a reply of type {typeof(T).Name} but got {message.GetType().Name}.")),
        };
        if (completed)
        {
            Release();
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public override string ToString() => $"Ask[{_target.Path}]";

    private void TimeOut()
    {
        if (TrySetException(new AskTimeoutException(
            $"Ask of {_message.GetType().Name} to {_target.Path} timed out after {_timeout}.")))
        {
            Release();
        }
    }

    private void Cancel()
    {
        if (TrySetCanceled())
        {
            Release();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }
}
