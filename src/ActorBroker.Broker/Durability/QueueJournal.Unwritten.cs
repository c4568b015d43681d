using ActorBroker.Broker.Confirms;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// A message removed (acked, dead-lettered, expired, purged) while its Enqueued record still waits in the open write
/// is never written: its Enqueued, Delivered and Parked records leave the write and its sequence leaves the Removed
/// record, so a message consumed within one commit costs the journal nothing. Its publisher's confirm then no longer
/// waits for the message itself but, like any confirm, for everything journaled before it (RabbitMQ confirms a
/// message consumed and acked before it reached the disk the same way). A crash loses nothing a client relies on:
/// the message was not confirmed before it was consumed, and a consumed message must not come back.
/// </summary>
/// <remarks>
/// Only Enqueued records of publishes count (not copies made by compaction, whose old row still holds the message),
/// and not in a deduplicating queue, whose ids become durable with their Enqueued records.
/// </remarks>
internal sealed partial class QueueJournal
{
    // Sequence → how many records of the open write are about that message (its Enqueued, Delivered and Parked).
    private readonly Dictionary<long, int> _unwritten = [];
    // Messages removed before their write went out; their records leave the open write when it is flushed.
    private readonly HashSet<long> _removedUnwritten = [];
    private int _recordsOfRemovedUnwritten;

    /// <summary>Notes the record <see cref="DurableMessages"/> just added to the open write (it adds at most one per event).</summary>
    private void TrackUnwritten(QueueWrite open, IActorRef queue)
    {
        if (_state?.Deduplication is not null)
        {
            return;
        }

        var records = open.Records;
        switch (records[^1])
        {
            case QueueRecord.Enqueued enqueued:
                _unwritten[enqueued.Sequence] = 1;
                break;
            case QueueRecord.Delivered { Sequence: var sequence } when _unwritten.ContainsKey(sequence):
                _unwritten[sequence]++;
                break;
            case QueueRecord.Parked { Sequence: var sequence } when _unwritten.ContainsKey(sequence):
                _unwritten[sequence]++;
                break;
            case QueueRecord.Removed removed when _unwritten.Count > 0:
                if (WithoutUnwritten(removed) is { } kept)
                {
                    records[^1] = kept;
                }
                else
                {
                    records.RemoveAt(records.Count - 1);
                }

                if (_recordsOfRemovedUnwritten == records.Count)
                {
                    DropEmptyOpenWrite(open, queue);
                }

                break;
        }
    }

    /// <summary>The removal without the messages never written (null when none is left), which it forgets.</summary>
    private QueueRecord.Removed? WithoutUnwritten(QueueRecord.Removed removed)
    {
        var kept = removed.Sequences.Length;
        foreach (var sequence in removed.Sequences)
        {
            if (_unwritten.Remove(sequence, out var records))
            {
                _removedUnwritten.Add(sequence);
                _recordsOfRemovedUnwritten += records;
                kept--;
            }
        }

        if (kept == removed.Sequences.Length)
        {
            return removed;
        }

        return kept == 0 ? null : new QueueRecord.Removed([.. removed.Sequences.Where(s => !_removedUnwritten.Contains(s))]);
    }

    /// <summary>Everything in the open write was removed before it went out: nothing to write, and its confirms wait for what went before.</summary>
    private void DropEmptyOpenWrite(QueueWrite open, IActorRef queue)
    {
        _open = null;
        ForgetUnwritten();
        foreach (var confirm in open.TakeConfirms())
        {
            SettleAfterJournal(confirm, queue);
        }
    }

    /// <summary>Takes the records of messages removed before they were written out of the write about to go out.</summary>
    private void LeaveOutRemovedUnwritten(QueueWrite write)
    {
        if (_removedUnwritten.Count > 0)
        {
            write.Records.RemoveAll(IsAboutRemovedUnwritten);
        }

        ForgetUnwritten();
    }

    private bool IsAboutRemovedUnwritten(QueueRecord record) => record switch
    {
        QueueRecord.Enqueued enqueued => _removedUnwritten.Contains(enqueued.Sequence),
        QueueRecord.Delivered delivered => _removedUnwritten.Contains(delivered.Sequence),
        QueueRecord.Parked parked => _removedUnwritten.Contains(parked.Sequence),
        _ => false,
    };

    private void ForgetUnwritten()
    {
        _unwritten.Clear();
        _removedUnwritten.Clear();
        _recordsOfRemovedUnwritten = 0;
    }
}
