using System.Text.Json;
using ActorBroker.Management.Resources;
using Akka.Actor;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// Answers another member's questions about this node's AMQP connections, so that GET and DELETE /api/connections on
/// any node see the connections of every node.
/// </summary>
internal sealed class ConnectionsActor : ReceiveActor
{
    /// <summary>Where every node runs this actor, so that a member finds it from an address alone.</summary>
    public const string Name = "connections";

    public ConnectionsActor(LocalConnections connections)
    {
        // As the management API's JSON: the resources hold JSON objects (client properties) that Akka's serializers do not.
        Receive<ListConnections>(_ => Sender.Tell(new ConnectionList(JsonSerializer.Serialize(connections.List(), ManagementJson.Options))));
        Receive<CloseConnection>(close => Sender.Tell(new ConnectionClosed(connections.TryClose(close.Name, close.Reason))));
    }

    public static ActorPath PathAt(Address node) => new RootActorPath(node) / "user" / Name;

    public sealed record ListConnections
    {
        public static ListConnections Instance { get; } = new();
    }

    /// <param name="Json">The node's connections as the management API's JSON array.</param>
    public sealed record ConnectionList(string Json)
    {
        public IReadOnlyList<ConnectionResource> Read() =>
            JsonSerializer.Deserialize<List<ConnectionResource>>(Json, ManagementJson.Options) ?? [];
    }

    public sealed record CloseConnection(string Name, string Reason);

    /// <param name="Closed">False when the node has no connection of that name.</param>
    public sealed record ConnectionClosed(bool Closed);
}
