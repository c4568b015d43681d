using ActorBroker.Broker.Durability;
using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// The committed offsets of a stream's consumer groups, durable: a persistent actor beside the stream's log (a log
/// of its own, so that the stream's sequence numbers stay its offsets). Tells its parent the offsets it recovered,
/// then journals each commit with <c>PersistAsync</c> and tells it back once durable; the group-commit plugin batches
/// them with everything else.
/// </summary>
internal sealed class ConsumerGroupOffsets(string persistenceId, int snapshotEvery, bool durable) : UntypedPersistentActor
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private int _sinceSnapshot;

    public override string PersistenceId => persistenceId;

    /// <summary>The offsets' log of the stream whose log is <paramref name="streamPersistenceId"/>.</summary>
    public static string PersistenceIdOf(string streamPersistenceId) => streamPersistenceId + "/groups";

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: ConsumerGroupOffsetsSnapshot snapshot }:
                foreach (var (group, offset) in snapshot.Offsets)
                {
                    _offsets[group] = offset;
                }

                break;
            case ConsumerGroupCommitted committed:
                _offsets[committed.Group] = committed.Offset;
                break;
            case RecoveryCompleted:
                Context.Parent.Tell(new StreamProtocol.GroupOffsetsRecovered(new Dictionary<string, long>(_offsets, StringComparer.Ordinal)));
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case ConsumerGroupCommitted committed:
                _offsets[committed.Group] = committed.Offset;
                PersistAsync(committed, durable =>
                {
                    Sender.Tell(durable);
                    SnapshotIfDue();
                });
                break;
            case StreamProtocol.StopAfterWrites stop:
                DeferAsync(stop, _ => Context.Stop(Self));
                break;
            case SaveSnapshotSuccess saved:
                DeleteMessages(saved.Metadata.SequenceNr);
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                break;
            case SaveSnapshotFailure or DeleteMessagesSuccess or DeleteMessagesFailure or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                // Best effort: the commits stay replayable until a later snapshot replaces them.
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    // Without durability (Akka's in-memory journal) nothing is ever recovered, and Akka's default snapshot store writes files.
    private void SnapshotIfDue()
    {
        if (durable && ++_sinceSnapshot >= snapshotEvery)
        {
            _sinceSnapshot = 0;
            SaveSnapshot(new ConsumerGroupOffsetsSnapshot(new Dictionary<string, long>(_offsets, StringComparer.Ordinal)));
        }
    }
}

/// <summary>A group's committed offset moved: every offset below <paramref name="Offset"/> is acknowledged by the group.</summary>
internal sealed record ConsumerGroupCommitted(string Group, long Offset)
{
    public const string Manifest = "broker.stream.group-committed.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.String(Group);
        writer.Int64(Offset);
        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static ConsumerGroupCommitted Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var record = new ConsumerGroupCommitted(reader.String(), reader.Int64());
        return reader.AtEnd ? record : throw new InvalidDataException("A consumer group commit has trailing bytes.");
    }
}

/// <summary>Every group's committed offset, as the offsets' snapshot holds them.</summary>
internal sealed record ConsumerGroupOffsetsSnapshot(IReadOnlyDictionary<string, long> Offsets)
{
    public const string Manifest = "broker.stream.group-offsets.v1";

    public byte[] Encode()
    {
        var writer = RecordWriter.Rent();
        writer.Int32(Offsets.Count);
        foreach (var (group, offset) in Offsets)
        {
            writer.String(group);
            writer.Int64(offset);
        }

        return writer.ToArray();
    }

    /// <exception cref="InvalidDataException">A payload that does not decode.</exception>
    public static ConsumerGroupOffsetsSnapshot Decode(ReadOnlyMemory<byte> payload)
    {
        var reader = new RecordReader(payload);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var count = reader.Int32(); count > 0; count--)
        {
            offsets[reader.String()] = reader.Int64();
        }

        return reader.AtEnd ? new ConsumerGroupOffsetsSnapshot(offsets) : throw new InvalidDataException("Consumer group offsets have trailing bytes.");
    }
}
