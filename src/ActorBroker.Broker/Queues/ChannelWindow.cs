namespace ActorBroker.Broker.Queues;

/// <summary>
/// The shared unacked-message budget of one channel (channel-wide prefetch), used by every queue the
/// channel consumes from. Queues run on different threads, so the count is atomic; a queue takes a slot
/// before delivering and gives it back when the delivery is settled.
/// </summary>
public sealed class ChannelWindow
{
    private readonly Action? _opened;
    private int _inFlight;

    /// <param name="limit">Most unacked deliveries across the channel; 0 means no limit.</param>
    /// <param name="opened">Called (on the releasing queue's thread) when a full window gets a free slot, so the
    /// channel can wake the queues that stopped delivering to it.</param>
    public ChannelWindow(int limit, Action? opened = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        _opened = opened;
    }

    public int Limit { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool TryAcquire()
    {
        if (Limit == 0)
        {
            Interlocked.Increment(ref _inFlight);
            return true;
        }

        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (current >= Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Returns a slot taken by <see cref="TryAcquire"/>.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) + 1 == Limit)
        {
            _opened?.Invoke();
        }
    }
}
