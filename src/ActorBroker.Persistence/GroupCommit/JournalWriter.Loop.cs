using System.Diagnostics;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.GroupCommit;

public sealed partial class JournalWriter
{
    // The loop owns a thread of its own: a commit blocks in fsync (SQLite's API is synchronous underneath), which on a
    // pool thread took one of the two threads a 2-core node starts with from every actor and connection meanwhile.
    private void Run()
    {
        try
        {
            RunBatches();
            _stopped.TrySetResult();
        }
#pragma warning disable CA1031 // The loop's end is reported to whoever disposes the writer, not thrown on its own thread.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _stopped.TrySetException(exception);
        }
    }

    private void RunBatches()
    {
        var batch = new List<QueuedWrite>(Math.Min(_options.MaxBatch, 1024));
        var writes = new List<AtomicWrite>(batch.Capacity);
        var barriers = new List<QueuedWrite>();
        var reader = _queue.Reader;
        // Whatever queued while the previous batch committed is the next batch: batches grow with load.
        while (WaitForWrites(reader))
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
                Commit(batch, writes);
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

    /// <summary>Blocks this thread until a write is queued (true) or the queue is completed and empty (false).</summary>
    private static bool WaitForWrites(System.Threading.Channels.ChannelReader<QueuedWrite> reader)
    {
        var ready = reader.WaitToReadAsync();
        return ready.IsCompleted ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void Commit(List<QueuedWrite> batch, List<AtomicWrite> writes)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Synchronous for SQLite (the thread is ours); a PostgreSQL commit completes on the pool meanwhile.
            _journal.WriteAsync(writes).GetAwaiter().GetResult();
        }
        catch (JournalRejectedException) when (batch.Count > 1)
        {
            // One actor's stale sequence number must not fail the writes of all others: find it alone.
            foreach (var pending in batch)
            {
                Commit([pending], [pending.Write!]);
            }

            return;
        }
        catch (JournalFencedException fenced)
        {
            // Another node owns these ids now: their writes fail, the others of the batch are committed without them.
            CommitWithout(batch, fenced.PersistenceIds);
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
        // First everything waiting for the commit itself (publisher confirms), then the writers' continuations.
        foreach (var pending in batch)
        {
            pending.Committed?.OnCommitted();
        }

        foreach (var pending in batch)
        {
            pending.Callback.OnWriteCompleted(null);
        }
    }

    private void CommitWithout(List<QueuedWrite> batch, IReadOnlyList<string> fencedIds)
    {
        var rest = new List<QueuedWrite>(batch.Count);
        foreach (var pending in batch)
        {
            if (fencedIds.Contains(pending.Write!.PersistenceId, StringComparer.Ordinal))
            {
                PersistenceMetrics.FencedWrites.Add(1, _tag);
                pending.Callback.OnWriteCompleted(new JournalFencedException([pending.Write.PersistenceId]));
            }
            else
            {
                rest.Add(pending);
            }
        }

        if (rest.Count > 0)
        {
            Commit(rest, rest.ConvertAll(pending => pending.Write!));
        }
    }
}
