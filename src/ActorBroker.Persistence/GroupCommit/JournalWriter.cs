using System.Threading.Channels;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Plugin;

namespace ActorBroker.Persistence.GroupCommit;

/// <summary>
/// The node's one journal writer: writes of all persistent actors queue here and are committed together,
/// one transaction and one fsync per batch. While a batch commits, new writes gather; the next batch takes
/// them all (up to <see cref="GroupCommitOptions.MaxBatch"/>). A write arriving at an idle writer is
/// committed at once, with no timer. A failed batch fails each of its writes, and the writer goes on with
/// the next batch, which reconnects to the store.
/// </summary>
public sealed partial class JournalWriter : IAsyncDisposable
{
    private readonly IJournal _journal;
    private readonly GroupCommitOptions _options;
    private readonly Channel<QueuedWrite> _queue;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _batches;
    private long _writes;
    private long _failedBatches;
    private volatile bool _closed;

    /// <summary>Starts the writer's loop over an initialized journal.</summary>
    public JournalWriter(IJournal journal, GroupCommitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
        _options = options ?? new GroupCommitOptions();
        _tag = new KeyValuePair<string, object?>("journal", _options.Name);
        _queue = Channel.CreateBounded<QueuedWrite>(new BoundedChannelOptions(_options.MaxQueue)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            // A write wakes the waiting loop thread right from TryWrite, not through a pool thread in between.
            AllowSynchronousContinuations = true,
        });
        new Thread(Run) { IsBackground = true, Name = "journal-writer-" + _options.Name }.Start();
    }

    /// <summary>Batches committed since start.</summary>
    public long CommittedBatches => Interlocked.Read(ref _batches);

    /// <summary>Atomic writes made durable since start.</summary>
    public long CommittedWrites => Interlocked.Read(ref _writes);

    /// <summary>Batches whose transaction failed since start.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Writes waiting for the next batch.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>
    /// Queues a write; <paramref name="callback"/> is told on the writer's loop once it is durable or has
    /// failed (with a <see cref="JournalWriteException"/>). Never blocks: a full queue or a disposed writer
    /// fails the write at once.
    /// </summary>
    private void Enqueue(AtomicWrite write, PooledWriteCompletion callback, ICommittedCallback? committed)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(callback);
        if (_queue.Writer.TryWrite(new QueuedWrite(write, callback, committed)))
        {
            return;
        }

        var reason = _closed
            ? $"the journal writer '{_options.Name}' is shut down"
            : $"the journal writer '{_options.Name}' has {_options.MaxQueue} writes queued (its MaxQueue)";
        callback.OnWriteCompleted(new JournalWriteException(
            $"Write of '{write.PersistenceId}' up to sequence number {write.HighestSequenceNr} refused: {reason}.", null));
    }

    /// <summary>
    /// Queues a write; the task completes when it is durable or fails with a <see cref="JournalWriteException"/>, or with
    /// a <see cref="JournalFencedException"/> when another node claimed its persistence id from this one (the rest of
    /// its batch is committed all the same).
    /// <paramref name="committed"/> is told on the writer's own thread the moment the write is durable, ahead of the
    /// task's continuation (which runs on the pool); it must be quick and must not block.
    /// </summary>
    public ValueTask WriteAsync(AtomicWrite write, ICommittedCallback? committed = null)
    {
        var completion = PooledWriteCompletion.Rent();
        var task = completion.Task;
        Enqueue(write, completion, committed);
        return task;
    }

    /// <summary>
    /// Completes once every write queued before this call is committed or has failed, without writing
    /// anything itself. Recovery waits on it so that it reads what an earlier incarnation of the same actor
    /// still had on its way. Fails with a <see cref="JournalWriteException"/> when the queue is full.
    /// </summary>
    public ValueTask WhenWrittenAsync()
    {
        var completion = PooledWriteCompletion.Rent();
        var task = completion.Task;
        if (!_queue.Writer.TryWrite(new QueuedWrite(null, completion, null)))
        {
            // Once shut down, the loop finishes what was queued; a caller gets no stronger promise than that.
            completion.OnWriteCompleted(_closed ? null : new JournalWriteException(
                $"The journal writer '{_options.Name}' has {_options.MaxQueue} writes queued (its MaxQueue).", null));
        }

        return task;
    }

    /// <summary>Stops taking writes, commits those already queued, and ends the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
    }

    /// <summary>A write and whom to tell; without a write it is a barrier from <see cref="WhenWrittenAsync"/>.</summary>
    private readonly record struct QueuedWrite(AtomicWrite? Write, PooledWriteCompletion Callback, ICommittedCallback? Committed);
}
