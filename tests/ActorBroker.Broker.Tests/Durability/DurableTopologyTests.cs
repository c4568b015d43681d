using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A host's durable topology as its journal stores it: records and the snapshot that compacts them.</summary>
public sealed class DurableTopologyTests
{
    private const string TheirJournal = "node/b@localhost/queue/%2F/theirs/7";

    [Fact]
    public void A_queue_declared_on_another_node_keeps_the_journal_of_its_messages_through_a_record_and_a_snapshot()
    {
        var record = new DeclarationRecord.QueueDeclaredElsewhere("theirs", new QueueDeclaration(AutoDelete: true), TheirJournal);
        var topology = new DurableTopology();
        topology.Apply(new DeclarationRecord.QueueDeclared("own", new QueueDeclaration()), 3);
        topology.Apply(DeclarationRecord.Decode(DeclarationRecord.ManifestName, record.Encode()), 4);

        var back = DurableTopology.DecodeSnapshot(DurableTopology.SnapshotManifest, topology.EncodeSnapshot());

        Assert.Equal((3, null), (back.Queues["own"].DeclaredAt, back.Queues["own"].JournalId));
        Assert.Equal((4, TheirJournal, true), (back.Queues["theirs"].DeclaredAt, back.Queues["theirs"].JournalId, back.Queues["theirs"].Declaration.AutoDelete));
    }

    [Fact]
    public void A_queue_declared_again_here_after_another_node_declared_it_names_its_own_journal()
    {
        var topology = new DurableTopology();
        topology.Apply(new DeclarationRecord.QueueDeclaredElsewhere("q", new QueueDeclaration(), TheirJournal), 1);
        topology.Apply(new DeclarationRecord.QueueDeleted("q"), 2);
        topology.Apply(new DeclarationRecord.QueueDeclared("q", new QueueDeclaration()), 3);

        Assert.Equal((3, null), (topology.Queues["q"].DeclaredAt, topology.Queues["q"].JournalId));
    }
}
