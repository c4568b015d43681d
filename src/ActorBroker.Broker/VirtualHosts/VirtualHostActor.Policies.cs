using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Policies are applied when a queue is declared and when it is recovered; a policy set or cleared later
/// changes existing queues at their next recovery (restart), not live.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private void ReceivePolicyChanges()
    {
        Receive<PolicyProtocol.SetPolicy>(set =>
        {
            var changed = _host.Policies.Find(set.Policy.Name) is not { } existing || !existing.Equivalent(set.Policy);
            ChangePolicies(_host.Policies.With(set.Policy), changed ? new PolicyRecord.PolicyDefined(set.Policy) : null);
        });
        Receive<PolicyProtocol.ClearPolicy>(clear =>
        {
            var changed = _host.Policies.Find(clear.Name) is not null;
            ChangePolicies(_host.Policies.Without(clear.Name), changed ? new PolicyRecord.PolicyRemoved(clear.Name) : null);
        });
    }

    private async Task RestorePoliciesAsync()
    {
        // Policies change rarely: their journal, beside the topology's, is replayed whole and never compacted.
        var (policies, journal) = await RecordJournal.StartFoldedAsync(Context.System, _options.Durability!.JournalId("policies/" + _host.Name), _options, PolicySet.Empty, PolicySet.Apply).ConfigureAwait(true);
        _host.Policies = policies;
        _host.PolicyJournal = journal;
    }

    /// <summary>Removes every policy of the host (it is being deleted); completes once that is journaled.</summary>
    private Task ClearPoliciesAsync()
    {
        var removed = _host.Policies.All.Select(p => new PolicyRecord.PolicyRemoved(p.Name)).ToList();
        _host.Policies = PolicySet.Empty;
        return _host.PolicyJournal is { } journal ? Task.WhenAll(removed.Select(journal.WriteAsync)) : Task.CompletedTask;
    }

    private void ChangePolicies(PolicySet policies, PolicyRecord? record)
    {
        if (record is null)
        {
            Sender.Tell(new PolicyProtocol.PolicyChanged(false));
            return;
        }

        _host.Policies = policies;
        ReplyOnceJournaled(_host.PolicyJournal?.WriteAsync(record), new PolicyProtocol.PolicyChanged(true), "policy change");
    }
}
