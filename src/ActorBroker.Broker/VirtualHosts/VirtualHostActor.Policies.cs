using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// Policies are applied when a queue is declared and when it is recovered; a policy set or cleared later
/// changes existing queues at their next recovery (restart), not live. In a cluster a change takes the host's turn,
/// as a topology change does, and is answered once every other node applied and journaled it; a host that starts
/// takes the policies of the others (<see cref="TakePeerPolicies"/>).
/// </summary>
internal sealed partial class VirtualHostActor
{
    // The policies the other nodes had when this host first read them; null when none answered (see ReadPeersAsync).
    private IReadOnlyList<Policy>? _peerPolicies;

    private void ReceivePolicyChanges()
    {
        Receive<TopologyReplicationProtocol.ReplicatePolicy>(replicate =>
        {
            _host.Policies = PolicySet.Apply(_host.Policies, replicate.Change);
            ReplyOnceJournaled(_host.PolicyJournal?.WriteAsync(replicate.Change), TopologyReplicationProtocol.Applied.Instance, "policy change made on another node");
        });
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
        await JournalPeerPoliciesAsync(journal).ConfigureAwait(true);
    }

    /// <summary>
    /// Before the host's own journal is read: the policies of the other nodes, which are the cluster's (a policy set
    /// while this node was away is one of them). The first node to answer wins a name two nodes hold differently.
    /// </summary>
    private void TakePeerPolicies(IReadOnlyList<TopologyReplicationProtocol.Snapshot> snapshots)
    {
        if (snapshots.Count == 0)
        {
            return;
        }

        _peerPolicies = [.. snapshots.SelectMany(snapshot => snapshot.Policies).DistinctBy(policy => policy.Name, StringComparer.Ordinal)];
        foreach (var policy in _peerPolicies)
        {
            _host.Policies = _host.Policies.With(policy);
        }
    }

    /// <summary>
    /// After the host's own policy journal is read: journals what the others hold and it lacks or holds differently, so
    /// that this node's journal alone restores the cluster's policies. A policy only this node holds was cleared while it
    /// was away if a peer saw it depart (that peer is the truth, as for the topology), and is cleared here too; otherwise
    /// (a full-cluster restart) it is kept here.
    /// </summary>
    private async Task JournalPeerPoliciesAsync(RecordJournal journal)
    {
        if (_peerPolicies is not { } theirs)
        {
            return;
        }

        var records = new List<PolicyRecord>();
        foreach (var policy in theirs.Where(p => _host.Policies.Find(p.Name) is not { } mine || !mine.Equivalent(p)))
        {
            records.Add(new PolicyRecord.PolicyDefined(policy));
        }

        if (_peersAreCurrent)
        {
            var names = theirs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            records.AddRange(_host.Policies.All.Where(p => !names.Contains(p.Name)).Select(p => new PolicyRecord.PolicyRemoved(p.Name)));
        }

        foreach (var record in records)
        {
            _host.Policies = PolicySet.Apply(_host.Policies, record);
        }

        await Task.WhenAll(records.Select(journal.WriteAsync)).ConfigureAwait(true);
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
        ReplicateThenReply(new TopologyReplicationProtocol.ReplicatePolicy(_host.Name, record), _host.PolicyJournal?.WriteAsync(record), new PolicyProtocol.PolicyChanged(true), "policy change");
    }
}
