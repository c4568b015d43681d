using Akka.Configuration;

namespace ActorBroker.Persistence.Plugin;

/// <summary>The reference configuration of the group-commit journal and snapshot store plugins.</summary>
public static class GroupCommitPersistence
{
    /// <summary>The journal plugin's id, for <c>akka.persistence.journal.plugin</c>.</summary>
    public const string JournalPluginId = "akka.persistence.journal.actorbroker";

    /// <summary>The snapshot store plugin's id, for <c>akka.persistence.snapshot-store.plugin</c>.</summary>
    public const string SnapshotStorePluginId = "akka.persistence.snapshot-store.actorbroker";

    /// <summary>Every setting of both plugins with its default; hosts load it as a fallback below their own config.</summary>
    public const string DefaultHocon = """
        akka.persistence {
          journal.actorbroker {
            class = "ActorBroker.Persistence.Plugin.GroupCommitJournal, ActorBroker.Persistence"
            # The database, unless the host registered its own store with JournalStores.Use (a node does).
            # sqlite: one file, for one node. postgresql: shared by the nodes of a cluster.
            provider = sqlite
            sqlite.path = "journal.db"
            postgresql.connection-string = ""
            # Most atomic writes committed in one transaction; whatever queued during a commit goes in the next.
            group-commit.max-batch = 500
            # Fencing, for a database that several nodes share: recovering an entity claims it (bumps its owner token),
            # and a node whose claim was overtaken has its writes, deletes and snapshots of that entity refused
            # (JournalFencedException: the persistent actor's persist fails and it stops). Costs one write per recovery
            # and one token check per committed batch.
            owner-fencing = off
          }
          snapshot-store.actorbroker {
            class = "ActorBroker.Persistence.Plugin.GroupCommitSnapshotStore, ActorBroker.Persistence"
            # The same database as the journal by default: the plugins then share one store.
            provider = ${akka.persistence.journal.actorbroker.provider}
            sqlite.path = ${akka.persistence.journal.actorbroker.sqlite.path}
            postgresql.connection-string = ${akka.persistence.journal.actorbroker.postgresql.connection-string}
            group-commit.max-batch = ${akka.persistence.journal.actorbroker.group-commit.max-batch}
            owner-fencing = ${akka.persistence.journal.actorbroker.owner-fencing}
          }
        }
        """;

    /// <summary>Whether a plugin section turns owner fencing on (<c>owner-fencing</c>).</summary>
    internal static bool OwnerFencing(Config pluginConfig) => pluginConfig.GetBoolean("owner-fencing", false);

    /// <summary><see cref="DefaultHocon"/>, parsed.</summary>
    public static Config DefaultConfig { get; } = ConfigurationFactory.ParseString(DefaultHocon);

    /// <summary>Both plugins chosen as the system's journal and snapshot store, with their reference config beneath.</summary>
    public static Config AsDefaultPlugins { get; } = ConfigurationFactory.ParseString($"""
        akka.persistence.journal.plugin = "{JournalPluginId}"
        akka.persistence.snapshot-store.plugin = "{SnapshotStorePluginId}"
        """).WithFallback(DefaultConfig);
}
