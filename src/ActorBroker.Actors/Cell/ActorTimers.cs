namespace ActorBroker.Actors;

/// <summary>
/// The timers of one actor, used only on its own turn. A timer sends a tagged self-message; when it is
/// handled the tag is checked against the active timer for the key, so a cancelled or replaced timer
/// never delivers, even when its message was already in the mailbox.
/// </summary>
internal sealed class ActorTimers(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, periodic: false, (scheduler, tick) => scheduler.ScheduleTellOnce(delay, cell.Self, tick, null));

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, periodic: true, (scheduler, tick) => scheduler.ScheduleTellRepeatedly(initialDelay, interval, cell.Self, tick, null));

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var entry))
        {
            entry.Schedule.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Schedule.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>The message of a tick that is still valid; a single timer is finished by it.</summary>
    internal bool TryAccept(Tick tick, out object message)
    {
        if (_timers.TryGetValue(tick.Key, out var entry) && ReferenceEquals(entry.Tick, tick))
        {
            if (!entry.Periodic)
            {
                _timers.Remove(tick.Key);
            }

            message = entry.Message;
            return true;
        }

        message = null!;
        return false;
    }

    private void Start(object key, object message, bool periodic, Func<IScheduler, Tick, ICancelable> schedule)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var tick = new Tick(this, key);
        _timers[key] = new Entry(message, periodic, tick, schedule(cell.System.Scheduler, tick));
    }

    private sealed record Entry(object Message, bool Periodic, Tick Tick, ICancelable Schedule);

    internal sealed class Tick(ActorTimers owner, object key) : IKernelInternalMessage
    {
        public object Key { get; } = key;

        public void Handle(ActorCell cell)
        {
            if (owner.TryAccept(this, out var message))
            {
                cell.DeliverKernelMessage(message);
            }
        }
    }
}
