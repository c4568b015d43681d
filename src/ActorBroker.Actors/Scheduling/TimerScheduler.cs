namespace ActorBroker.Actors;

/// <summary>
/// The system scheduler, built on <see cref="Timer"/> (the runtime's shared timer queue). After the system
/// terminates, pending timers fire no more.
/// </summary>
internal sealed class TimerScheduler : IScheduler
{
    private volatile bool _stopped;

    public bool IsStopped => _stopped;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        CheckDelay(delay, nameof(delay));
        return Schedule(delay, Timeout.InfiniteTimeSpan, receiver, message, sender);
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        CheckDelay(initialDelay, nameof(initialDelay));
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeat interval must be positive.");
        }

        return Schedule(initialDelay, interval, receiver, message, sender);
    }

    public void Stop() => _stopped = true;

    private static void CheckDelay(TimeSpan delay, string name)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, delay, "A delay must not be negative.");
        }
    }

    private ScheduledTell Schedule(TimeSpan delay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        if (_stopped)
        {
            throw new InvalidOperationException("The scheduler has stopped: its actor system has terminated.");
        }

        var scheduled = new ScheduledTell(this, receiver, message, sender, interval == Timeout.InfiniteTimeSpan);
        scheduled.Start(delay, interval);
        return scheduled;
    }
}
