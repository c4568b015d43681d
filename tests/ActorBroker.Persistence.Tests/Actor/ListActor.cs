using ActorBroker.Actors;
using static ActorBroker.Persistence.Tests.Actor.ListActorProtocol;

namespace ActorBroker.Persistence.Tests.Actor;

/// <summary>A persistent list: each Add is an event; it logs what recovery showed it so tests can check it.</summary>
public sealed class ListActor(string persistenceId, bool stopOnPersistFailure = true, PersistenceExtension? persistence = null)
    : PersistentActor
{
    private readonly List<string> _items = [];
    private readonly List<string> _recoveryLog = [];
    private IActorRef? _requester;

    public override string PersistenceId => persistenceId;

    protected override PersistenceExtension Persistence => persistence ?? base.Persistence;

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case ItemAdded added:
                _items.Add(added.Item);
                _recoveryLog.Add($"event {added.Item}");
                return true;
            case SnapshotOffer { Snapshot: ListSnapshot snapshot } offer:
                _items.AddRange(snapshot.Items);
                _recoveryLog.Add($"snapshot@{offer.Metadata.SequenceNr}");
                return true;
            case RecoveryCompleted:
                _recoveryLog.Add("completed");
                return true;
            default:
                return false;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case Add add:
                Persist(new ItemAdded(add.Item), Apply);
                return true;
            case AddEventually add:
                PersistAsync(new ItemAdded(add.Item), Apply);
                return true;
            case AddAll all:
                PersistAll(all.Items.Select(item => new ItemAdded(item)), Apply);
                return true;
            case GetState:
                Sender.Tell(new ListState([.. _items], LastSequenceNr, [.. _recoveryLog]));
                return true;
            case TakeSnapshot:
                _requester = Sender;
                SaveSnapshot(new ListSnapshot([.. _items]));
                return true;
            case DeleteUpTo delete:
                _requester = Sender;
                DeleteMessages(delete.SequenceNr);
                return true;
            case SaveSnapshotSuccess or SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure:
                _requester?.Tell(message);
                return true;
            case Crash:
                throw new InvalidOperationException("crash requested by the test");
            case AddThenCrash add:
                Persist(new ItemAdded(add.Item), Apply);
                throw new InvalidOperationException("crash requested by the test");
            default:
                return false;
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        if (stopOnPersistFailure)
        {
            base.OnPersistFailure(cause, @event, sequenceNr);
            return;
        }

        Sender.Tell(new AddRejected(((ItemAdded)@event).Item, cause.Message));
    }

    private void Apply(ItemAdded added)
    {
        _items.Add(added.Item);
        Sender.Tell(new Added(added.Item, LastSequenceNr));
    }
}
