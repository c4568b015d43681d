using ActorBroker.Broker.Client;
using ActorBroker.Hocon;
using ActorBroker.Persistence.Plugin;

namespace ActorBroker.Server.Hosting;

/// <summary>The settings of a node, read from the <c>actorbroker</c> section of its HOCON config.</summary>
/// <param name="NodeName">actorbroker.node.name.</param>
/// <param name="DataDirectory">actorbroker.data-directory.</param>
/// <param name="Journal">actorbroker.journal.</param>
/// <param name="QueueInMemoryMessages">actorbroker.queues.in-memory-messages: the window of bodies a durable queue keeps in memory.</param>
/// <param name="QueueInMemoryBytes">actorbroker.queues.in-memory-bytes: the same window in bytes.</param>
internal sealed record NodeSettings(string NodeName, string DataDirectory, JournalSettings Journal, int QueueInMemoryMessages, long QueueInMemoryBytes)
{
    /// <summary>actorbroker.limits.max-queues-per-vhost (0 in the config: no limit).</summary>
    public int MaxQueuesPerVirtualHost { get; init; } = int.MaxValue;

    /// <exception cref="ArgumentException">A value out of range, named by its setting.</exception>
    public static NodeSettings From(Config config)
    {
        var node = config.GetConfig("actorbroker");
        var settings = new NodeSettings(
            node.GetString("node.name"),
            node.GetString("data-directory"),
            JournalSettings.From(node.GetConfig("journal")),
            node.GetInt("queues.in-memory-messages", BrokerOptions.Default.QueueInMemoryMessages),
            node.GetBytes("queues.in-memory-bytes", BrokerOptions.Default.QueueInMemoryBytes));
        if (settings.QueueInMemoryMessages < 1 || settings.QueueInMemoryBytes < 1)
        {
            throw new ArgumentException("actorbroker.queues.in-memory-messages and actorbroker.queues.in-memory-bytes must be at least 1.");
        }

        RefuseUnfencedSharedJournal(config, settings.Journal);
        var maxQueues = node.GetLong("limits.max-queues-per-vhost", 0);
        return maxQueues is >= 0 and <= int.MaxValue
            ? settings with { MaxQueuesPerVirtualHost = maxQueues == 0 ? int.MaxValue : (int)maxQueues }
            : throw new ArgumentException($"actorbroker.limits.max-queues-per-vhost = {maxQueues} is out of range: expected 0 (no limit) to {int.MaxValue}");
    }

    // Nodes sharing a journal rely on the plugins' owner fencing to keep one writer per queue when a node is wrongly
    // suspected; Akka.Persistence.Sql has no owner tokens, so with it a false suspicion could make two writers.
    private static void RefuseUnfencedSharedJournal(Config config, JournalSettings journal)
    {
        if (!journal.Shared)
        {
            return;
        }

        foreach (var (setting, fenced) in new[]
                 {
                     ("akka.persistence.journal.plugin", GroupCommitPersistence.JournalPluginId),
                     ("akka.persistence.snapshot-store.plugin", GroupCommitPersistence.SnapshotStorePluginId),
                 })
        {
            var plugin = config.GetString(setting, fenced);
            if (plugin != fenced)
            {
                throw new ArgumentException(
                    $"actorbroker.journal.shared = on needs {setting} = \"{fenced}\" (the plugin with owner fencing), not \"{plugin}\".");
            }
        }
    }
}
