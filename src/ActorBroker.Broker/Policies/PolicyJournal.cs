using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using Akka.Actor;

namespace ActorBroker.Broker.Policies;

/// <summary>
/// The journal of one virtual host's policies, a persistent actor (<see cref="RecordJournalActor"/>) beside (not
/// inside) its topology journal: policies change rarely, so the journal is replayed whole at recovery and never
/// compacted. Used by the host's actor only.
/// </summary>
internal sealed class PolicyJournal(RecordJournal journal)
{
    public static string PersistenceIdOf(string virtualHost) => "policies/" + virtualHost;

    /// <summary>Journals <paramref name="record"/>; completes once it is durable.</summary>
    public Task WriteAsync(PolicyRecord record) => journal.WriteAsync(record);

    public void Stop() => journal.Stop();

    /// <summary>Starts the host's policy journal in <paramref name="system"/> and reads the host's policies.</summary>
    public static async Task<(PolicySet Policies, PolicyJournal Journal)> RecoverAsync(ActorSystem system, string virtualHost, BrokerOptions options)
    {
        var (journal, recovered) = await RecordJournal.StartAsync(system, PersistenceIdOf(virtualHost), options.RecoveryTimeout, options.OperationTimeout).ConfigureAwait(true);
        var policies = PolicySet.Empty;
        foreach (var (_, record) in recovered.Records)
        {
            policies = record switch
            {
                PolicyRecord.PolicyDefined set => policies.With(set.Policy),
                PolicyRecord.PolicyRemoved cleared => policies.Without(cleared.Name),
                _ => policies,
            };
        }

        return (policies, new PolicyJournal(journal));
    }
}
