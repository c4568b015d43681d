using System.Diagnostics;

namespace ActorBroker.Actors;

/// <summary>
/// One actor's receive timeout. Rather than rescheduling a timer on every message, the actor only records
/// when it last had a message; a single pending check compares that time with the timeout when it fires
/// and re-arms itself for the remaining time.
/// </summary>
internal sealed class ReceiveTimeoutState(ActorCell cell, TimeSpan timeout)
{
    private long _lastActivity = Stopwatch.GetTimestamp();
    private ICancelable? _pendingCheck;

    public void MarkActivity() => _lastActivity = Stopwatch.GetTimestamp();

    public void Start() => Arm(timeout);

    public void Cancel() => _pendingCheck?.Cancel();

    /// <summary>Runs on the actor's turn; true when the actor has been idle for the whole timeout.</summary>
    public bool CheckExpired(Check check)
    {
        if (!ReferenceEquals(check.Owner, this))
        {
            return false;
        }

        var idle = Stopwatch.GetElapsedTime(_lastActivity);
        if (idle < timeout)
        {
            Arm(timeout - idle);
            return false;
        }

        _lastActivity = Stopwatch.GetTimestamp();
        Arm(timeout);
        return true;
    }

    private void Arm(TimeSpan delay) =>
        _pendingCheck = cell.System.Scheduler.ScheduleTellOnce(delay, cell.Self, new Check(this), null);

    /// <summary>The self-message of a pending check; a check of a replaced or cancelled timeout is ignored.</summary>
    internal sealed class Check(ReceiveTimeoutState owner) : IKernelInternalMessage
    {
        public ReceiveTimeoutState Owner { get; } = owner;

        public void Handle(ActorCell cell) => cell.HandleReceiveTimeoutCheck(this);
    }
}
