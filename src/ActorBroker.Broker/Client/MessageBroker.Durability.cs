using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Supervision;
using ActorBroker.Broker.VirtualHosts;
using ActorBroker.Persistence.Plugin;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class MessageBroker
{
    /// <summary>
    /// Starts a broker in <paramref name="system"/> and, with <see cref="BrokerOptions.Durability"/> set, recovers its
    /// virtual hosts and their durable queues (with their persistent messages), exchanges and bindings before it returns.
    /// The virtual host "/" is created on the first start only: once deleted, it stays deleted.
    /// </summary>
    /// <exception cref="Errors.BrokerException">The journal could not be read.</exception>
    public static async Task<MessageBroker> StartAsync(ActorSystem system, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Durability is null)
        {
            var transient = Start(system, options);
            // Nothing of a transient node outlives it: whatever it starts with, the cluster's list is the truth.
            await transient.TakeClusterVirtualHostsAsync(clusterIsTruth: true).ConfigureAwait(false);
            return transient;
        }

        var journalPlugin = system.Settings.Config.GetString("akka.persistence.journal.plugin", string.Empty);
        if (journalPlugin is "" or "akka.persistence.journal.inmem")
        {
            throw new BrokerException(BrokerErrorCode.InternalError,
                "A durable broker needs a persistent journal: set akka.persistence.journal.plugin (for example to " +
                $"{GroupCommitPersistence.JournalPluginId}) in the ActorSystem's config.");
        }

        await VirtualHostJournal.RequireCurrentLayoutAsync(options.Durability.Persistence.Journal).ConfigureAwait(false);
        BrokerSerialization.Register(system);
        // The broker's journals write through the system's persistence plugin; the project's own plugin then
        // shares the node's store and group-commit writer.
        JournalStores.Get(system).Use(options.Durability.Persistence);

        var (hosts, journal, firstStart) = await RecoverVirtualHostsAsync(system, options).ConfigureAwait(false);
        await Sharding.QueueEntities.StartAsync(system, options).ConfigureAwait(false);
        var broker = new MessageBroker(system, options, ownsSystem: false, hosts, journal);
        foreach (var name in hosts)
        {
            var host = await broker.Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(name), options.OperationTimeout).ConfigureAwait(false);
            await broker.RestoreAsync(host).ConfigureAwait(false);
        }

        // A node's first start holds only the default host, which the cluster may have deleted long ago.
        await broker.TakeClusterVirtualHostsAsync(clusterIsTruth: firstStart).ConfigureAwait(false);
        return broker;
    }

    /// <summary>
    /// In a cluster, brings this node's virtual hosts and the others' together: a host another node has is created
    /// here (created while this node was away). A host only this node has was deleted meanwhile if a node that saw this
    /// one depart lacks it (that node's list is then the truth, as for a host's topology: see
    /// <see cref="TopologyReplicationProtocol.Snapshot"/>), and is deleted here; otherwise (a full-cluster restart, where
    /// the first node up may be the stalest) it is created on the others, since a host holds durable queues and a deleted
    /// name coming back loses nothing. With <paramref name="clusterIsTruth"/> (a node that holds nothing durable of
    /// its own yet) the others' list is the truth as well. Alone, or when no other node answers, this node's own hosts stand.
    /// </summary>
    private async Task TakeClusterVirtualHostsAsync(bool clusterIsTruth)
    {
        var answers = await PeerReplication.AskEveryPeerAsync<TopologyReplicationProtocol.VirtualHostNames>(
            System, HostListReplica.Path, TopologyReplicationProtocol.RequestVirtualHosts.Instance, Options.OperationTimeout).ConfigureAwait(false);
        if (answers.Count == 0)
        {
            return;
        }

        var cluster = answers.SelectMany(answer => answer.Names).ToHashSet(StringComparer.Ordinal);
        var here = await Admin.ListVirtualHostsAsync().ConfigureAwait(false);
        foreach (var name in cluster.Except(here, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await AddVirtualHostHereAsync(name).ConfigureAwait(false);
        }

        var deletedMeanwhile = clusterIsTruth || answers.Any(answer => answer.SawAskerDepart);
        foreach (var name in here.Except(cluster, StringComparer.Ordinal))
        {
            await (deletedMeanwhile
                ? Admin.DeleteVirtualHostHereAsync(name)
                : PeerReplication.ApplyEverywhereAsync(System, HostListReplica.Path, new TopologyReplicationProtocol.AddVirtualHost(name), Options.OperationTimeout)).ConfigureAwait(false);
        }
    }

    private static async Task<(IReadOnlyCollection<string> Names, VirtualHostJournal Journal, bool FirstStart)> RecoverVirtualHostsAsync(ActorSystem system, BrokerOptions options)
    {
        try
        {
            return await VirtualHostJournal.RecoverAsync(system, options).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new BrokerException(BrokerErrorCode.InternalError,
                $"The virtual hosts could not be recovered from journal '{options.Durability!.JournalId(VirtualHostJournal.PersistenceId)}': {error.Message}", error);
        }
    }

    /// <summary>
    /// Completes once every queue and stream of every virtual host has recovered from its journal. Each recovers in its
    /// own actor after <see cref="StartAsync"/> returns, holding the commands that reach it meanwhile; a node waits for
    /// this before it reports itself ready, so that no client waits on a queue still reading a long backlog.
    /// </summary>
    public async Task WaitForQueueRecoveryAsync(CancellationToken cancellationToken)
    {
        var names = await Supervisor.AskFor<string[]>(BrokerSupervisorProtocol.ListVirtualHosts.Instance, Options.OperationTimeout).ConfigureAwait(false);
        foreach (var name in names)
        {
            var host = await Supervisor.AskFor<VirtualHost>(new BrokerSupervisorProtocol.FindVirtualHost(name), Options.OperationTimeout).ConfigureAwait(false);
            var local = host.Routing.Queues.Cast<QueueEndpoint>().Where(queue => queue.IsLocal);
            await Task.WhenAll(local.Select(queue => RecoveredAsync(queue.Actor, cancellationToken))).ConfigureAwait(false);
        }
    }

    private static async Task RecoveredAsync(IActorRef queue, CancellationToken cancellationToken)
    {
        try
        {
            // A queue answers only once recovered: it holds commands until then.
            await queue.Ask<object>(new QueueProtocol.GetInfo(), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerException)
        {
            // Deleted meanwhile (the supervisor answers for it): nothing to wait for.
        }
    }

    private Task<VirtualHostProtocol.Done> RestoreAsync(VirtualHost host) =>
        host.Actor.AskFor<VirtualHostProtocol.Done>(VirtualHostProtocol.Restore.Instance, Options.RecoveryTimeout);
}
