namespace ActorBroker.Cli.Perf;

/// <summary>
/// Bounds the publisher confirms one channel has outstanding. Delivery tags are consecutive from 1 on a
/// confirming channel; a slot frees only when the lowest outstanding tag is confirmed, so every outstanding
/// tag always fits in a ring as large as the window.
/// </summary>
internal sealed class ConfirmWindow : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly bool[] _confirmed;
    private ulong _lowest = 1;
    private long _nacked;

    public ConfirmWindow(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _slots = new SemaphoreSlim(size, size);
        _confirmed = new bool[size];
    }

    /// <summary>Messages the broker refused with basic.nack.</summary>
    public long Nacked => Volatile.Read(ref _nacked);

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Waits until every message published so far is confirmed (the window stays full afterwards).</summary>
    public async Task WaitForAllAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _confirmed.Length; i++)
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called from the channel's ack/nack events, which the client raises one at a time per channel.</summary>
    public void Confirm(ulong deliveryTag, bool multiple, bool ack)
    {
        var first = multiple ? _lowest : deliveryTag;
        for (var tag = Math.Max(first, _lowest); tag <= deliveryTag; tag++)
        {
            ref var slot = ref _confirmed[Slot(tag)];
            if (!slot && !ack)
                _nacked++;
            slot = true;
        }
        var freed = 0;
        while (_confirmed[Slot(_lowest)])
        {
            _confirmed[Slot(_lowest)] = false;
            _lowest++;
            freed++;
        }
        if (freed > 0)
            _slots.Release(freed);
    }

    public void Dispose() => _slots.Dispose();

    private int Slot(ulong tag) => (int)(tag % (ulong)_confirmed.Length);
}
