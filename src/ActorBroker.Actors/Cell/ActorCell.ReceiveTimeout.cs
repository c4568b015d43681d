namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), value, "A receive timeout must be positive; pass null to cancel it.");
        }

        if (_extras?.ReceiveTimeout is { } previous)
        {
            previous.Cancel();
            _extras.ReceiveTimeout = null;
        }

        if (timeout is { } active)
        {
            var state = new ReceiveTimeoutState(this, active);
            Extras.ReceiveTimeout = state;
            state.Start();
        }
    }

    internal void HandleReceiveTimeoutCheck(ReceiveTimeoutState.Check check)
    {
        if (_extras?.ReceiveTimeout is { } state && state.CheckExpired(check))
        {
            DeliverKernelMessage(ReceiveTimeout.Instance);
        }
    }
}
