namespace ActorBroker.Actors;

/// <summary>
/// Timers owned by one actor, identified by a key. Starting a timer with an active key replaces it. A
/// cancelled timer never delivers its message, even one already on its way. All timers end when the
/// actor stops or restarts.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
