using System.Diagnostics;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// Bounds the publisher confirms one channel has outstanding. Delivery tags are consecutive from 1 on a
/// confirming channel; a slot frees only when the lowest outstanding tag is confirmed, so every outstanding
/// tag always fits in a ring as large as the window. Each tag's publish time is kept in the same ring, so the
/// time from publish to confirm is recorded for every confirmed message.
/// </summary>
internal sealed class ConfirmWindow : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly bool[] _confirmed;
    private readonly long[] _publishedAt;
    private readonly LatencyHistogram _latency;
    private ulong _lowest = 1;
    private ulong _nextTag = 1;
    private long _nacked;

    public ConfirmWindow(int size, LatencyHistogram latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _slots = new SemaphoreSlim(size, size);
        _confirmed = new bool[size];
        _publishedAt = new long[size];
        _latency = latency;
    }

    /// <summary>Messages the broker refused with basic.nack.</summary>
    public long Nacked => Volatile.Read(ref _nacked);

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Called just before each publish, after <see cref="WaitAsync"/> gave it a slot: starts its confirm's clock.</summary>
    public void Publishing() => Volatile.Write(ref _publishedAt[Slot(_nextTag++)], Stopwatch.GetTimestamp());

    /// <summary>Waits until every message published so far is confirmed (the window stays full afterwards).</summary>
    public async Task WaitForAllAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _confirmed.Length; i++)
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called from the channel's ack/nack events, which the client raises one at a time per channel.</summary>
    public void Confirm(ulong deliveryTag, bool multiple, bool ack)
    {
        var now = Stopwatch.GetTimestamp();
        var first = multiple ? _lowest : deliveryTag;
        for (var tag = Math.Max(first, _lowest); tag <= deliveryTag; tag++)
        {
            ref var slot = ref _confirmed[Slot(tag)];
            if (slot)
                continue;
            slot = true;
            if (ack)
                _latency.Record((long)Stopwatch.GetElapsedTime(Volatile.Read(ref _publishedAt[Slot(tag)]), now).TotalNanoseconds);
            else
                _nacked++;
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
