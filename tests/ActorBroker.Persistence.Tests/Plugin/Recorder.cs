using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>
/// A persistent actor that records the texts it persisted or recovered; it answers each persisted event with
/// <see cref="Recorder.Persisted"/> and reports rejections and failures to whoever sent the command.
/// </summary>
public sealed class Recorder : ReceivePersistentActor
{
    private readonly List<string> _texts = [];
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public Recorder(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<TestEvent>(e => _texts.Add(e.Text));
        Recover<SnapshotOffer>(offer => _texts.AddRange(((TestEvent)offer.Snapshot).Text.Split(',', StringSplitOptions.RemoveEmptyEntries)));
        Command<Persist>(c => Persist(c.Event, Recorded));
        Command<PersistManyAsync>(c => PersistAllAsync(c.Texts.Select(text => new TestEvent(text)), Recorded));
        Command<PersistUnserializable>(c => Persist(new Unserializable(c.Text), _ => Sender.Tell(new Persisted(c.Text))));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(new TestEvent(string.Join(',', _texts)));
        });
        Command<SaveSnapshotSuccess>(s => _snapshotRequester.Tell(new SnapshotSaved(s.Metadata.SequenceNr)));
        Command<SaveSnapshotFailure>(f => _snapshotRequester.Tell(new SnapshotFailed(f.Cause)));
        Command<GetTexts>(_ => Sender.Tell(new Texts([.. _texts])));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new Recorder(persistenceId));

    private void Recorded(TestEvent e)
    {
        _texts.Add(e.Text);
        Sender.Tell(new Persisted(e.Text));
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Sender.Tell(new Rejected(sequenceNr, cause));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Sender.Tell(new Failed(sequenceNr, cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    public sealed record Persist(TestEvent Event);

    public sealed record PersistManyAsync(IReadOnlyList<string> Texts);

    public sealed record PersistUnserializable(string Text);

    public sealed record TakeSnapshot;

    public sealed record SnapshotSaved(long SequenceNr);

    public sealed record SnapshotFailed(Exception Cause);

    public sealed record GetTexts;

    public sealed record Texts(IReadOnlyList<string> Values);

    public sealed record Persisted(string Text);

    public sealed record Rejected(long SequenceNr, Exception Cause);

    public sealed record Failed(long SequenceNr, Exception Cause);
}
