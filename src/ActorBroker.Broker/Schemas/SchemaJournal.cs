using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using Akka.Actor;

namespace ActorBroker.Broker.Schemas;

/// <summary>
/// The journal of one virtual host's schema registry, a persistent actor (<see cref="RecordJournalActor"/>) beside
/// its topology and policy journals. Schemas change rarely, so it is replayed whole at recovery and never
/// compacted. Used by the host's actor only.
/// </summary>
internal sealed class SchemaJournal(RecordJournal journal)
{
    public static string PersistenceIdOf(string virtualHost) => "schemas/" + virtualHost;

    /// <summary>Journals <paramref name="record"/>; completes once it is durable.</summary>
    public Task WriteAsync(SchemaRecord record) => journal.WriteAsync(record);

    public void Stop() => journal.Stop();

    /// <summary>Starts the host's schema journal in <paramref name="system"/> and reads the host's schemas.</summary>
    public static async Task<(SchemaSet Schemas, SchemaJournal Journal)> RecoverAsync(ActorSystem system, string virtualHost, BrokerOptions options)
    {
        var (journal, recovered) = await RecordJournal.StartAsync(system, PersistenceIdOf(virtualHost), options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(true);
        var schemas = SchemaSet.Empty;
        foreach (var (_, record) in recovered.Records)
        {
            schemas = record switch
            {
                SchemaRecord.SchemaAdded added => schemas.With(added.Schema),
                SchemaRecord.SchemaRemoved removed => schemas.Without(removed.Name),
                _ => schemas,
            };
        }

        return (schemas, new SchemaJournal(journal));
    }
}
