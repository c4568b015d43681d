using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Schemas;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>The persistent actor under the low-traffic journals, on Akka's in-memory journal and snapshot store.</summary>
public sealed class RecordJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public RecordJournalTests()
        : base("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """) => BrokerSerialization.Register(Sys);

    [Fact]
    public void Every_record_type_is_written_by_the_brokers_binary_serializer_not_Akkas_json()
    {
        Assert.Contains(typeof(PolicyRecord.PolicyDefined), BrokerSerialization.RecordTypes);
        Assert.Contains(typeof(SchemaRecord.SchemaAdded), BrokerSerialization.RecordTypes);
        Assert.All(BrokerSerialization.RecordTypes, type => Assert.IsType<BrokerRecordSerializer>(Sys.Serialization.FindSerializerForType(type)));
    }

    [Fact]
    public async Task Records_written_are_recovered_in_order_with_their_sequence_numbers_by_the_next_incarnation()
    {
        var (journal, first) = await StartAsync("vhosts-a");
        Assert.Equal(0, first.LastSequenceNr);

        Assert.Equal(1, await journal.WriteAsync(new VirtualHostRecord.VirtualHostAdded("/")));
        Assert.Equal(2, await journal.WriteAsync(new VirtualHostRecord.VirtualHostAdded("b")));
        Assert.Equal(3, await journal.WriteAsync(new VirtualHostRecord.VirtualHostDeleted("/")));
        journal.Stop();

        var (_, recovered) = await StartAsync("vhosts-a");
        Assert.Equal(
            [(1L, "added /"), (2L, "added b"), (3L, "deleted /")],
            recovered.Records.Select(r => (r.SequenceNr, Describe((VirtualHostRecord)r.Record))));
        Assert.Equal(3, recovered.LastSequenceNr);
    }

    [Fact]
    public async Task A_compaction_leaves_the_snapshot_and_only_the_records_after_it()
    {
        var (journal, _) = await StartAsync("policies-a");
        await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p1"));
        var at = await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p2"));
        journal.Compact(new TopologySnapshot([]), at);
        await AwaitAssertAsync(async () =>
        {
            var (probe, recovered) = await StartAsync("policies-a");
            probe.Stop();
            Assert.IsType<TopologySnapshot>(recovered.Snapshot);
            Assert.Empty(recovered.Records);
        }, s_timeout);

        await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p3"));
        journal.Stop();
        var (_, after) = await StartAsync("policies-a");
        Assert.Equal([3L], after.Records.Select(r => r.SequenceNr));
    }

    [Fact]
    public async Task A_compaction_is_skipped_when_later_records_are_already_durable()
    {
        var (journal, _) = await StartAsync("policies-b");
        var at = await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p1"));
        await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p2"));

        journal.Compact(new TopologySnapshot([]), at);
        await journal.WriteAsync(new PolicyRecord.PolicyRemoved("p3"));
        journal.Stop();

        var (_, recovered) = await StartAsync("policies-b");
        Assert.Null(recovered.Snapshot);
        Assert.Equal([1L, 2L, 3L], recovered.Records.Select(r => r.SequenceNr));
    }

    private Task<(RecordJournal Journal, RecordJournalProtocol.Recovered Recovered)> StartAsync(string persistenceId) =>
        RecordJournal.StartAsync(Sys, persistenceId, s_timeout, s_timeout);

    private static string Describe(VirtualHostRecord record) =>
        (record is VirtualHostRecord.VirtualHostAdded ? "added " : "deleted ") + record.Name;
}
