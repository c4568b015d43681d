using ActorBroker.Broker.Client;
using Akka.Actor;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// The journal of which virtual hosts exist, a persistent actor (<see cref="RecordJournalActor"/>). Hosts are
/// added and deleted rarely, so it is replayed whole at start and never compacted. Written by the broker
/// supervisor only, one record at a time.
/// </summary>
internal sealed class VirtualHostJournal(RecordJournal journal)
{
    public const string PersistenceId = "vhosts";

    /// <summary>Journals <paramref name="record"/>; completes once it is durable.</summary>
    public Task WriteAsync(VirtualHostRecord record) => journal.WriteAsync(record);

    public void Stop() => journal.Stop();

    /// <summary>
    /// Reads the names of the virtual hosts. On a journal that never had one (the first start), "/" is added
    /// and journaled, as RabbitMQ creates the default virtual host on first boot only: once deleted it stays
    /// deleted.
    /// </summary>
    public static async Task<(IReadOnlyCollection<string> Names, VirtualHostJournal Journal)> RecoverAsync(ActorSystem system, BrokerOptions options)
    {
        var (records, recovered) = await RecordJournal.StartAsync(system, PersistenceId, options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(false);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, record) in recovered.Records)
        {
            _ = record switch
            {
                VirtualHostRecord.VirtualHostAdded added => names.Add(added.Name),
                VirtualHostRecord.VirtualHostDeleted deleted => names.Remove(deleted.Name),
                _ => false,
            };
        }

        var journal = new VirtualHostJournal(records);
        if (recovered.LastSequenceNr == 0)
        {
            await journal.WriteAsync(new VirtualHostRecord.VirtualHostAdded(MessageBroker.DefaultVirtualHost)).ConfigureAwait(false);
            names.Add(MessageBroker.DefaultVirtualHost);
        }

        return (names, journal);
    }
}
