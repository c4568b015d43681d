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

    // Before the journals became persistent actors (2026-12), the same records lived under this id, written by
    // the broker's own journal layer, and a host's topology and policies under "vhost:<name>" and
    // "vhost-policies:<name>". "/" is journaled at the first start, so every such data directory has this row.
    private const string FormerPersistenceId = "broker:vhosts";

    /// <summary>Refuses a journal written by the former layout, which this version cannot read yet.</summary>
    /// <exception cref="Errors.BrokerException">The journal holds the former layout (internal error, saying what to do).</exception>
    public static async Task RequireCurrentLayoutAsync(Persistence.Journal.IJournal journal)
    {
        if (await journal.ReadHighestSequenceNrAsync(FormerPersistenceId).ConfigureAwait(false) > 0)
        {
            throw new Errors.BrokerException(Errors.BrokerErrorCode.InternalError,
                "The journal holds virtual hosts, exchanges, bindings and policies in the layout of ActorBroker before 2026-12, which " +
                "this version does not read: start the previous version on it, export its definitions and messages, and start this " +
                "version on an empty data directory, or keep the previous version.");
        }
    }

    /// <summary>Journals <paramref name="record"/>; completes once it is durable.</summary>
    public Task WriteAsync(VirtualHostRecord record) => journal.WriteAsync(record);

    public void Stop() => journal.Stop();

    /// <summary>
    /// Reads the names of the virtual hosts. On a journal that never had one (the first start, <c>FirstStart</c>),
    /// "/" is added and journaled, as RabbitMQ creates the default virtual host on first boot only: once deleted it
    /// stays deleted.
    /// </summary>
    public static async Task<(IReadOnlyCollection<string> Names, VirtualHostJournal Journal, bool FirstStart)> RecoverAsync(ActorSystem system, BrokerOptions options)
    {
        var (records, recovered) = await RecordJournal.StartAsync(system, options.Durability!.JournalId(PersistenceId), options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(false);
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

        return (names, journal, recovered.LastSequenceNr == 0);
    }
}
