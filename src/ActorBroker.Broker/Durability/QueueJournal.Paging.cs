using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Paging: once a row is durable, the persistent messages it enqueued may drop their bodies (when the queue's
/// window is full); the bodies are read back from their rows ahead of delivery, off the actor's thread, and
/// piped back as <see cref="QueueJournalProtocol.PagedIn"/>. At most one read-ahead is on its way at a time.
/// </summary>
internal sealed partial class QueueJournal : IPagedBodies
{
    // Rows this close together are read in one range: a row between them costs less than another query.
    private const long MaxRowGap = 16;

    // A flush is cut into rows of about this size (all in one atomic write, so the commit costs the same): a
    // read-ahead then reads the rows it needs, not a whole burst of publishes. Below 85,000 bytes a row's
    // payload stays off the large-object heap, whose garbage is only collected with generation 2 and kept a
    // 5 M message backlog above 1 GiB with 256 KiB rows.
    private const int RowBytes = 64 * 1024;
    private const int RecordOverhead = 64;

    private QueueState? _state;
    private bool _pageInFlight;
    // Message sequences are never reused within a journal, so a replayed Removed never meets a newer message.
    private long _highestEnqueued;

    /// <summary>Which row enqueued which messages.</summary>
    public RowIndex Rows { get; private set; } = new();

    /// <summary>Lets the queue page out persistent messages beyond a window of this many messages or bytes of bodies.</summary>
    public void EnablePaging(QueueState state, int windowMessages, long windowBytes)
    {
        _state = state;
        state.EnablePaging(this, windowMessages, windowBytes);
    }

    /// <summary>The row index recovery rebuilt, and the highest message sequence ever enqueued.</summary>
    public void RestoreRows(RowIndex rows, long highestEnqueued)
    {
        Rows = rows;
        _highestEnqueued = highestEnqueued;
    }

    /// <summary>Starts a read-ahead when the queue's window has room for bodies that are paged out.</summary>
    public void PageInIfNeeded(IActorRef queue)
    {
        if (_pageInFlight || _state is not { WantsPageIn: true } state)
        {
            return;
        }

        var batch = state.NextToPageIn();
        if (batch.Count == 0)
        {
            return;
        }

        _pageInFlight = true;
        ReadAhead(batch, PlanRead(batch), queue);
    }

    // Apart from PageInIfNeeded, which runs after every command of the queue: a lambda there would allocate its
    // closure on every call, also when nothing is paged in.
    private void ReadAhead(IReadOnlyList<QueuedMessage> batch, PageRead read, IActorRef queue) =>
        _ = Task.Run(async () =>
        {
            try
            {
                queue.Tell(new QueueJournalProtocol.PagedIn(batch, await ExecuteAsync(read).ConfigureAwait(false), null));
            }
            catch (Exception failure)
            {
                queue.Tell(new QueueJournalProtocol.PagedIn(batch, [], failure));
            }
        });

    /// <summary>
    /// The read-ahead is back. A failed read (the store is unavailable) leaves the messages paged out: the next
    /// command of the queue tries again.
    /// </summary>
    public void OnPagedIn(QueueJournalProtocol.PagedIn paged)
    {
        _pageInFlight = false;
        if (paged.Failure is null)
        {
            _state?.PageIn(paged.Messages, paged.Bodies);
        }
    }

    /// <summary>A synchronous read, for a body needed at once; the store's failure propagates (and crashes the actor, which keeps its state).</summary>
    public Message?[] Read(IReadOnlyList<QueuedMessage> pagedOut) =>
        Task.Run(() => ExecuteAsync(PlanRead(pagedOut))).GetAwaiter().GetResult();

    /// <summary>Cuts a write's records into rows of about <see cref="RowBytes"/>, all persisted in one atomic write.</summary>
    private static List<QueueRow> ToRows(QueueWrite write)
    {
        var records = write.Records;
        var rows = new List<QueueRow>(1);
        var start = 0;
        var bytes = 0;
        for (var i = 0; i < records.Count; i++)
        {
            bytes += RecordOverhead + (records[i] is QueueRecord.Enqueued enqueued ? enqueued.Message.Body.Length : 0);
            if (bytes >= RowBytes || i == records.Count - 1)
            {
                var last = i == records.Count - 1;
                rows.Add(new QueueRow(start == 0 && last ? records : records.GetRange(start, i + 1 - start)) { Ends = last ? write : null });
                (start, bytes) = (i + 1, 0);
            }
        }

        return rows;
    }

    /// <summary>Notes which row enqueued which messages, once the rows are durable and numbered.</summary>
    private void IndexRows(QueueWrite write)
    {
        for (var i = 0; i < write.Rows.Count; i++)
        {
            long first = 0, last = 0;
            foreach (var record in write.Rows[i].Records)
            {
                if (record is QueueRecord.Enqueued { Sequence: var sequence } && sequence <= _highestEnqueued)
                {
                    Rows.Relocate(sequence, write.RowSequenceNrs[i]);
                }
                else if (record is QueueRecord.Enqueued enqueued)
                {
                    first = first == 0 ? enqueued.Sequence : first;
                    last = enqueued.Sequence;
                }
            }

            if (first != 0)
            {
                Rows.Add(first, last, write.RowSequenceNrs[i]);
                _highestEnqueued = Math.Max(_highestEnqueued, last);
            }
        }
    }

    private void PageOut(List<QueueRecord> records)
    {
        if (_state is null)
        {
            return;
        }

        foreach (var record in records)
        {
            if (record is QueueRecord.Enqueued enqueued)
            {
                _state.PageOutIfOverWindow(enqueued.Sequence, enqueued.Message);
            }
        }
    }

    /// <summary>Made on the actor's thread (the row index is the actor's); executed off it.</summary>
    private PageRead PlanRead(IReadOnlyList<QueuedMessage> messages)
    {
        var wanted = new Dictionary<long, int>(messages.Count);
        var rows = new List<long>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var row = Rows.RowOf(messages[i].Sequence);
            if (row > 0)
            {
                wanted[messages[i].Sequence] = i;
                rows.Add(row);
            }
        }

        rows.Sort();
        var ranges = new List<(long From, long To)>();
        foreach (var row in rows)
        {
            if (ranges.Count > 0 && row - ranges[^1].To <= MaxRowGap)
            {
                ranges[^1] = (ranges[^1].From, row);
            }
            else
            {
                ranges.Add((row, row));
            }
        }

        return new PageRead(messages.Count, wanted, ranges);
    }

    /// <summary>
    /// Reads the rows through the journal plugin and picks out the wanted messages. Bodies are copied out of the
    /// row, so a message kept in the window does not keep its whole row alive. A row the plugin cannot read (it
    /// quarantines it) leaves its messages null.
    /// </summary>
    private async Task<Message?[]> ExecuteAsync(PageRead read)
    {
        var bodies = new Message?[read.Count];
        foreach (var (from, to) in read.Ranges)
        {
            var rows = await JournalRangeReader.ReadAsync(system, PersistenceId, from, to, settings.ReadTimeout).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (row.Payload is not QueueRow { Records: var records })
                {
                    continue;
                }

                foreach (var record in records)
                {
                    if (record is QueueRecord.Enqueued enqueued && read.Wanted.TryGetValue(enqueued.Sequence, out var index))
                    {
                        var m = enqueued.Message;
                        bodies[index] = new Message(m.Exchange, m.RoutingKey, m.Properties, m.Body.ToArray());
                    }
                }
            }
        }

        return bodies;
    }

    private sealed record PageRead(int Count, Dictionary<long, int> Wanted, List<(long From, long To)> Ranges);
}
