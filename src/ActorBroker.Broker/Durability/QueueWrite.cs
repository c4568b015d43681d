using ActorBroker.Broker.Confirms;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The records one queue journals in one flush, cut into <see cref="Rows"/>, and the publisher confirms waiting for
/// them. The queue's <see cref="QueueJournalActor"/> persists the rows, notes the sequence number each got and
/// completes the write: the confirms are settled right there (or earlier, on the commit itself, by plugins that
/// call <see cref="QueueRow.OnCommitted"/>), never through the queue actor, and the queue is told, to index the
/// rows or to repair its bookkeeping after a failure.
/// </summary>
internal sealed class QueueWrite(IActorRef queue, QueueWrite? previous = null)
{
    // A busy queue's writes are alike: sized like the previous one, a write's lists do not grow from empty to
    // thousands of entries, each step leaving the smaller array behind as garbage. Capped to stay off the
    // large-object heap, which only a full collection frees.
    private const int MaxPresized = 8192;

    private readonly Lock _lock = new();
    private readonly int _expectedConfirms = Presized(previous?._confirmCount ?? 0);
    private List<PublishConfirm>? _confirms;
    private int _confirmCount;
    private bool _finished;
    private bool _failed;

    public List<QueueRecord> Records { get; } = new(Presized(previous?.Records.Count ?? 0));

    /// <summary>The events to persist, set when the write is flushed.</summary>
    public IReadOnlyList<QueueRow> Rows { get; set; } = [];

    /// <summary>The journal sequence number of each row, known once it is persisted.</summary>
    public long[] RowSequenceNrs { get; set; } = [];

    /// <summary>How many records the queue had journaled up to and including this write.</summary>
    public long RecordsThrough { get; set; }

    /// <summary>Whether the journal decided this write (stored or failed); false while it is on its way.</summary>
    public bool IsDecided
    {
        get
        {
            lock (_lock)
            {
                return _finished;
            }
        }
    }

    /// <summary>Settles <paramref name="confirm"/> when this write is decided (at once if it already is).</summary>
    public void SettleAfter(PublishConfirm confirm)
    {
        lock (_lock)
        {
            if (!_finished)
            {
                (_confirms ??= new(_expectedConfirms)).Add(confirm);
                _confirmCount++;
                return;
            }
        }

        SettleOne(confirm, _failed);
    }

    /// <summary>Takes the confirms waiting for this write, which is not going out (its records were all left out).</summary>
    public List<PublishConfirm> TakeConfirms()
    {
        lock (_lock)
        {
            var confirms = _confirms ?? [];
            _confirms = null;
            return confirms;
        }
    }

    /// <summary>
    /// Settles the confirms once (later calls do nothing). The journal plugin may call it on its own thread the
    /// moment the rows commit, ahead of <see cref="Complete"/>.
    /// </summary>
    public void SettleConfirms(Exception? failure)
    {
        List<PublishConfirm>? confirms;
        lock (_lock)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            _failed = failure is not null;
            confirms = _confirms;
            _confirms = null;
        }

        foreach (var confirm in confirms ?? [])
        {
            SettleOne(confirm, failure is not null);
        }
    }

    // A failed write fails its confirms rather than refusing them: a transaction forwarding its outputs asks again.
    private static void SettleOne(PublishConfirm confirm, bool failed)
    {
        if (failed)
        {
            confirm.Fail();
        }
        else
        {
            confirm.Settle(true);
        }
    }

    private static int Presized(int previousCount) => Math.Min(previousCount, MaxPresized);

    /// <summary>Decides the write: settles its confirms (unless already settled) and tells the queue.</summary>
    public void Complete(Exception? failure)
    {
        SettleConfirms(failure);
        queue.Tell(failure is null ? new QueueJournalProtocol.Written(this) : new QueueJournalProtocol.WriteFailed(this, failure), ActorRefs.NoSender);
    }
}
