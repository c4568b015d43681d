using System.Diagnostics.CodeAnalysis;

namespace ActorBroker.Actors;

/// <summary>One scheduled delivery, backed by a <see cref="Timer"/> that is disposed on cancel or after a single shot.</summary>
[SuppressMessage("Design", "CA1001", Justification = "The timer is disposed by Cancel or after its single shot; ICancelable is the owner's handle.")]
internal sealed class ScheduledTell : ICancelable
{
    private readonly TimerScheduler _scheduler;
    private readonly IActorRef _receiver;
    private readonly object _message;
    private readonly IActorRef? _sender;
    private readonly bool _once;
    private readonly Timer _timer;
    private int _cancelled;

    public ScheduledTell(TimerScheduler scheduler, IActorRef receiver, object message, IActorRef? sender, bool once)
    {
        _scheduler = scheduler;
        _receiver = receiver;
        _message = message;
        _sender = sender;
        _once = once;

        // Created disarmed and armed in Start, so the callback never sees a half-built instance.
        _timer = new Timer(static state => ((ScheduledTell)state!).Fire(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

    public void Start(TimeSpan delay, TimeSpan interval) => _timer.Change(delay, interval);

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0)
        {
            _timer.Dispose();
        }
    }

    private void Fire()
    {
        if (IsCancellationRequested)
        {
            return;
        }

        if (_scheduler.IsStopped)
        {
            Cancel();
            return;
        }

        _receiver.Tell(_message, _sender);
        if (_once)
        {
            _timer.Dispose();
        }
    }
}
