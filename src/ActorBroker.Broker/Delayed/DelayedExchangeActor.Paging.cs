using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// Bodies past the in-memory window are read back from the journal when due, with Akka.Persistence's
/// <see cref="ReplayMessages"/> (one record each, up to <see cref="ReadAhead"/> at once), which every journal plugin
/// answers.
/// </summary>
internal sealed partial class DelayedExchangeActor
{
    // Enough reads in flight to keep the journal busy when a backlog comes due at once.
    private const int ReadAhead = 256;

    private readonly HashSet<long> _requested = [];

    /// <summary>Whether a newly held message keeps its body in memory: always without a journal, else within the window.</summary>
    private bool KeepsBodies => Journal is null || _schedule.BodiesInMemory < _options.QueueInMemoryMessages;

    private void ReceivePagedBodies()
    {
        Receive<ReplayedMessage>(replayed =>
        {
            _requested.Remove(replayed.Persistent.SequenceNr);
            if (replayed.Persistent.Payload is DelayedRecord.Held held && _schedule.SetBody(replayed.Persistent.SequenceNr, held.Message))
            {
                ReleaseDue();
            }
        });
        Receive<RecoverySuccess>(_ => { });
        Receive<ReplayMessagesFailure>(failed =>
        {
            // Asked again at the next release attempt.
            Context.GetLogger().Warning("Delayed exchange {0} could not read held messages back from the journal: {1}", _exchange, failed.Cause.Message);
            _requested.Clear();
            Timers.StartSingleTimer(DelayedProtocol.ReleaseDue.Instance, DelayedProtocol.ReleaseDue.Instance, _options.DeadLetterRetryInterval);
        });
    }

    private void PageIn()
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(null);
        foreach (var id in _schedule.PagedOutInDueOrder(ReadAhead))
        {
            if (_requested.Add(id))
            {
                journal.Tell(new ReplayMessages(id, id, 1, Journal!.PersistenceId, Self));
            }
        }
    }
}
