namespace ActorBroker.Persistence.Sql;

public abstract partial class SqlJournal
{
    /// <summary>
    /// Takes this process's turn to write, when the store allows one writer at a time; the turn ends when the
    /// returned value is disposed. Without turns a second writer of the process hits the store's lock and
    /// retries in the driver's busy loop, which sleeps between attempts on a pool thread: snapshots and deletes
    /// of queues stalled the group commit that way by 13-33 ms per batch on average. Other processes still
    /// meet the store's own lock.
    /// </summary>
    private protected async ValueTask<WriteTurn> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        if (_writeTurn is null)
        {
            return default;
        }

        await _writeTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writeTurn);
    }

    /// <summary>A held turn to write; disposing it lets the next writer of the process go.</summary>
    private protected readonly struct WriteTurn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
