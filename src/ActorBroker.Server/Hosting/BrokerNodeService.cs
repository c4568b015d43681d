using System.Data.Common;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Gateway;
using ActorBroker.Persistence;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Server.Cluster;
using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Hosting;

/// <summary>
/// Owns the node's journal and runs the broker in the node's ActorSystem (hosted by Akka.Hosting): opens the
/// journal, starts the broker and recovers its durable queues before the node reports itself started.
/// Stopping runs Akka's CoordinatedShutdown: the AMQP listener closes its connections in service-unbind, then,
/// before the node leaves the cluster, the broker's actors stop (queues hand their last records to the writer
/// as they stop), the writer commits what is queued and the journal closes. Only then is the run marked stopped
/// (<see cref="RunStateFile"/>): a start that does not find that mark recovers every message flagged
/// redelivered, since a delivery goes out before its record is committed.
/// </summary>
internal sealed partial class BrokerNodeService(NodeSettings settings, NodeReadiness readiness, ActorSystem system, ILogger<BrokerNodeService> logger) : IHostedService
{
    private JournalOwnership? _ownership;
    private PersistenceExtension? _persistence;
    private string? _dataDirectory;

    /// <summary>The broker of this node, once started.</summary>
    public MessageBroker? Broker { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ClusterMembership.JoinAsync(system, settings.NodeName, logger, cancellationToken).ConfigureAwait(false);
        var dataDirectory = Directory.CreateDirectory(settings.DataDirectory).FullName;
        var journal = settings.Journal;
        // Before anything in the data directory or the journal is touched: another node may own them.
        _ownership = await JournalOwnership.AcquireAsync(journal, settings.NodeName, cancellationToken).ConfigureAwait(false);
        var crashed = BeginRun(dataDirectory);
        _persistence = await OpenJournalAsync(journal, cancellationToken).ConfigureAwait(false);
        // Before anything persistent starts: the group-commit plugins then share the node's store and its one writer.
        JournalStores.Get(system).Use(_persistence);
        // Before the node leaves the cluster: once it is removed, another node on a shared journal adopts its durable
        // queues, so they must have made their last write by then.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "broker-stop", async () =>
        {
            await StopBrokerAsync().ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        // Only once the node has left: sharding's coordinator, when it runs here, journals the shards it hands over
        // while the node leaves, and a write refused then held the leave up for its 5 s updating-state-timeout, with
        // the departing node's queues unallocated meanwhile.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "journal-flush-and-close", async () =>
        {
            await CloseJournalAsync().ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        var options = BrokerOptions.Default with
        {
            Durability = new BrokerDurability(_persistence)
            {
                SnapshotEvery = journal.SnapshotEvery,
                RecoveredAfterCrash = crashed,
                SharedJournalNode = journal.Shared ? settings.NodeName : null,
            },
            QueueInMemoryMessages = settings.QueueInMemoryMessages,
            QueueInMemoryBytes = settings.QueueInMemoryBytes,
            MaxQueuesPerVirtualHost = settings.MaxQueuesPerVirtualHost,
        };
        try
        {
            Broker = await MessageBroker.StartAsync(system, options).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerException error)
        {
            throw new NodeStartException($"cannot recover the durable queues from the {journal.Describe()}: {error.Message}", error);
        }

        // Queues recover in their own actors from here on; the stop marks the run clean only if every queue stopped
        // after its recovery (which journals a crash it found) and its last write.
        _dataDirectory = dataDirectory;
        await Broker.WaitForQueueRecoveryAsync(cancellationToken).ConfigureAwait(false);
        // Akka.NET clients reach the broker through it, over Akka.Remote (ActorBroker.Client); as AMQP clients, only
        // once the durable queues have recovered.
        Broker.StartGateway();
        readiness.BrokerStarted(Broker);
        var description = journal.Describe();
        LogStarted(logger, settings.NodeName, dataDirectory, description, journal.MaxBatch);
    }

    private static bool BeginRun(string dataDirectory)
    {
        try
        {
            return RunStateFile.BeginRun(dataDirectory);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartException($"cannot record the run in {Path.Combine(dataDirectory, RunStateFile.FileName)}: {error.Message}", error);
        }
    }

    private static async Task<PersistenceExtension> OpenJournalAsync(JournalSettings journal, CancellationToken cancellationToken)
    {
        var (store, snapshots) = journal.CreateStore();
        try
        {
            // The broker writes its own binary records; the registry serves other persistent actors of the node.
            return await PersistenceExtension.StartAsync(store, snapshots,
                new GroupCommitOptions { MaxBatch = journal.MaxBatch }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new NodeStartException($"cannot open the {journal.Describe()}: {error.Message}", error);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.BrokerStopping();
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task StopBrokerAsync()
    {
        readiness.BrokerStopping();
        if (Broker is not null)
        {
            await Broker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CloseJournalAsync()
    {
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }

        if (_ownership is not null)
        {
            await _ownership.DisposeAsync().ConfigureAwait(false);
        }

        if (_dataDirectory is not null && Broker is { QueuesStoppedCleanly: true })
        {
            RunStateFile.EndRun(_dataDirectory);
        }

        LogStopped(logger, settings.NodeName);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Node {NodeName} started: actor system up, data directory {DataDirectory}, durable queues recovered from the {Journal} (group commit up to {MaxBatch} writes).")]
    private static partial void LogStarted(ILogger logger, string nodeName, string dataDirectory, string journal, int maxBatch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeName} stopped: broker actors stopped, journal flushed and closed.")]
    private static partial void LogStopped(ILogger logger, string nodeName);
}
