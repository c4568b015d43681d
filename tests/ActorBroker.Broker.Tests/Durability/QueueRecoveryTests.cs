using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Durability;

public sealed class QueueRecoveryTests
{
    private readonly QueueState _stubs = new("q", QueueArguments.None, TimeProvider.System);

    /// <summary>
    /// Journals written before snapshots waited for compaction's copies (see CompactionBesidePendingCommitTests) may hold
    /// a snapshot that left out messages whose only record is a copy in a later row. Recovery used to take such a copy
    /// for a new message, put it last and break the row index, which then lost messages.
    /// </summary>
    [Fact]
    public void A_copy_of_a_message_its_snapshot_left_out_goes_back_to_its_place_and_is_read_from_the_copy()
    {
        var recovery = new QueueRecovery(_stubs);
        // Messages 3 and 4 in rows 3 and 4; 1 and 2 were copied forward to row 11, their old rows deleted.
        recovery.StartFrom(10, new QueueSnapshotPayload(QueueSnapshot.Encode(4, [new(3, 3, 3), new(4, 4, 4)], new Dictionary<long, long>(), [Stub(3), Stub(4)], new Dictionary<long, DateTimeOffset>(), Array.Empty<DeduplicationEntry>())));

        recovery.Apply([Enqueued(1), Enqueued(2)], row: 11);
        recovery.Apply([Enqueued(5), new QueueRecord.Removed([2])], row: 12);

        var state = new QueueState("q", QueueArguments.None, TimeProvider.System);
        Assert.Equal(4, recovery.RestoreInto(state));
        Assert.Equal([1L, 3, 4, 5], state.Held().Select(m => m.Sequence));
        Assert.Equal([11L, 3, 4, 12], state.Held().Select(m => recovery.Rows.RowOf(m.Sequence)));
    }

    private QueuedMessage Stub(long sequence) => _stubs.PagedOutStub(sequence, TestMessages.Text($"m{sequence}"), DateTimeOffset.UnixEpoch);

    private static QueueRecord.Enqueued Enqueued(long sequence) => new(sequence, DateTimeOffset.UnixEpoch, TestMessages.Text($"m{sequence}"));
}
