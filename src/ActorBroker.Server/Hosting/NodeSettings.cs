using ActorBroker.Hocon;

namespace ActorBroker.Server.Hosting;

/// <summary>The settings of a node, read from the <c>actorbroker</c> section of its HOCON config.</summary>
internal sealed record NodeSettings(string NodeName, string DataDirectory, int DispatcherThroughput, JournalSettings Journal)
{
    public static NodeSettings From(Config config)
    {
        var node = config.GetConfig("actorbroker");
        return new NodeSettings(
            node.GetString("node.name"),
            node.GetString("data-directory"),
            node.GetInt("dispatcher.throughput"),
            JournalSettings.From(node.GetConfig("journal")));
    }
}
