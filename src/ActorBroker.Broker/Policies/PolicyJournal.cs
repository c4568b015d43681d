using ActorBroker.Broker.Durability;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// The journal of one virtual host's policies, next to (not inside) its declaration journal: policies change
/// rarely, so the journal is replayed whole at recovery and never compacted. Used by the host's actor only.
/// </summary>
internal sealed class PolicyJournal(string virtualHost, BrokerDurability durability, long lastSequenceNr)
{
    private long _lastSequenceNr = lastSequenceNr;

    public string PersistenceId { get; } = PersistenceIdOf(virtualHost);

    public static string PersistenceIdOf(string virtualHost) => "vhost-policies:" + virtualHost;

    /// <summary>Writes <paramref name="record"/> through the group-commit writer; completes once it is durable.</summary>
    public async Task WriteAsync(PolicyRecord record)
    {
        var write = new AtomicWrite(PersistenceId, new JournalEvent(++_lastSequenceNr, PolicyRecord.Manifest, record.Encode(), DateTimeOffset.UtcNow));
        await durability.Persistence.Writer.WriteAsync(write).ConfigureAwait(false);
    }

    /// <summary>Reads the host's policies; an unreadable row is quarantined and skipped.</summary>
    public static async Task<(PolicySet Policies, PolicyJournal Journal)> RecoverAsync(string virtualHost, BrokerDurability durability)
    {
        var journal = durability.Persistence.Journal;
        var persistenceId = PersistenceIdOf(virtualHost);
        var policies = PolicySet.Empty;
        await foreach (var row in journal.ReplayAsync(persistenceId, 1, long.MaxValue).ConfigureAwait(false))
        {
            if (row is not ReplayedEvent { Event: var stored })
            {
                continue;
            }

            try
            {
                policies = PolicyRecord.Decode(stored.Manifest, stored.Payload) switch
                {
                    PolicyRecord.PolicyDefined set => policies.With(set.Policy),
                    PolicyRecord.PolicyRemoved cleared => policies.Without(cleared.Name),
                    _ => policies,
                };
            }
            catch (InvalidDataException bad)
            {
                await journal.QuarantineAsync(persistenceId, stored.SequenceNr, bad.Message).ConfigureAwait(false);
            }
        }

        var highest = await journal.ReadHighestSequenceNrAsync(persistenceId).ConfigureAwait(false);
        return (policies, new PolicyJournal(virtualHost, durability, highest));
    }
}
