using ActorBroker.Broker.Durability;
using Akka.Actor;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// Every <see cref="CompactEvery"/> records, or twice as many records as messages are held if that is more, when no
/// write is in flight, the journal gets a snapshot of what is held (ids and due times only) and drops the records
/// before the oldest held message's: the records of held messages stay, since they hold the bodies. Recovery then
/// reads the snapshot and the records after it, so a restart does not read every body held either. Waiting for
/// twice the backlog keeps a snapshot's cost below the records it lets go: snapshotting a million held messages every
/// 10,000 records wrote (and buffered) gigabytes.
/// </summary>
internal sealed partial class DelayedExchangeActor
{
    private const int CompactEvery = 10_000;

    // Routed messages whose release is not yet journaled: a snapshot still counts them as held.
    private readonly Dictionary<long, DateTimeOffset> _releasing = [];
    private int _writesInFlight;
    private long _lastWritten;
    private int _writesSinceCompaction;

    protected override void Recover(RecordJournalProtocol.Recovered recovered)
    {
        if (recovered.Snapshot is DelayedSnapshot snapshot)
        {
            foreach (var (id, due) in snapshot.Held)
            {
                _schedule.Add(id, due, body: null);
            }
        }

        foreach (var (sequenceNr, record) in recovered.Records)
        {
            switch (record)
            {
                case DelayedRecord.Held held:
                    _schedule.Add(sequenceNr, held.Due, KeepsBodies ? held.Message : null);
                    break;
                case DelayedRecord.Released released:
                    _schedule.Remove(released.Id);
                    break;
                case DelayedRecord.Discarded:
                    _schedule.Clear();
                    break;
            }
        }

        _lastWritten = recovered.LastSequenceNr;
    }

    private void Released(DelayedProtocol.Routed routed)
    {
        if (Journal is null)
        {
            return;
        }

        _releasing[routed.Id] = routed.Due;
        _writesInFlight++;
        var id = routed.Id;
        Journal.WriteAsync(new DelayedRecord.Released(id)).PipeTo(
            Self,
            success: sequenceNr => new DelayedProtocol.ReleaseWritten(id, sequenceNr),
            // Sequence 0: left among the releasing, so a snapshot keeps it and a restart routes it again (at least once).
            failure: _ => new DelayedProtocol.ReleaseWritten(id, 0));
    }

    private void Written(long sequenceNr)
    {
        _writesInFlight--;
        _lastWritten = Math.Max(_lastWritten, sequenceNr);
        _writesSinceCompaction++;
        CompactIfDue();
    }

    private void CompactIfDue()
    {
        if (Journal is null || _writesInFlight > 0 || _writesSinceCompaction < Math.Max(CompactEvery, 2 * (_schedule.Count + _releasing.Count)))
        {
            return;
        }

        var held = _schedule.All.Concat(_releasing.Select(r => (r.Key, r.Value))).ToList();
        var oldest = held.Count > 0 ? held.Min(h => h.Item1) : _lastWritten + 1;
        Journal.Compact(new DelayedSnapshot(held), _lastWritten, deleteTo: oldest - 1);
        _writesSinceCompaction = 0;
    }
}
