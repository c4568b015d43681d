using System.Diagnostics;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.GroupCommit;

public sealed partial class JournalWriter
{
    private async Task RunAsync()
    {
        var batch = new List<QueuedWrite>(Math.Min(_options.MaxBatch, 1024));
        var writes = new List<AtomicWrite>(batch.Capacity);
        var barriers = new List<QueuedWrite>();
        var reader = _queue.Reader;
        // Whatever queued while the previous batch committed is the next batch: batches grow with load.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending))
            {
                if (pending.Write is { } write)
                {
                    batch.Add(pending);
                    writes.Add(write);
                }
                else
                {
                    barriers.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch, writes).ConfigureAwait(false);
                batch.Clear();
                writes.Clear();
            }

            // Every write queued before these barriers is now committed or failed.
            foreach (var barrier in barriers)
            {
                barrier.Callback.OnWriteCompleted(null);
            }

            barriers.Clear();
        }
    }

    private async Task CommitAsync(List<QueuedWrite> batch, List<AtomicWrite> writes)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _journal.WriteAsync(writes).ConfigureAwait(false);
        }
        catch (JournalRejectedException) when (batch.Count > 1)
        {
            // One actor's stale sequence number must not fail the writes of all others: find it alone.
            foreach (var pending in batch)
            {
                await CommitAsync([pending], [pending.Write!]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failedBatches);
            PersistenceMetrics.FailedBatches.Add(1, _tag);
            foreach (var pending in batch)
            {
                pending.Callback.OnWriteCompleted(new JournalWriteException(
                    $"Journal '{_options.Name}' could not commit a batch of {batch.Count} writes " +
                    $"(this one: '{pending.Write!.PersistenceId}' up to sequence number {pending.Write.HighestSequenceNr}): " +
                    exception.Message,
                    exception));
            }

            return;
        }

        PersistenceMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _tag);
        PersistenceMetrics.Batches.Add(1, _tag);
        PersistenceMetrics.Writes.Add(batch.Count, _tag);
        PersistenceMetrics.BatchSize.Record(batch.Count, _tag);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _writes, batch.Count);
        foreach (var pending in batch)
        {
            pending.Callback.OnWriteCompleted(null);
        }
    }
}
