using ActorBroker.Amqp.Server;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management;

namespace ActorBroker.Server.Cluster;

/// <summary>This node's AMQP connections as the management API's resources, each named with this node.</summary>
internal sealed class LocalConnections(AmqpConnectionRegistry registry, NodeSettings node)
{
    public IReadOnlyList<ConnectionResource> List() => [.. registry.ListConnections().Select(ToResource)];

    public ConnectionResource? Find(string name) => registry.FindConnection(name) is { } info ? ToResource(info) : null;

    public bool TryClose(string name, string reason) => registry.TryClose(name, reason);

    private ConnectionResource ToResource(AmqpConnectionInfo info) => new(
        info.Name,
        info.VirtualHost,
        info.User,
        info.ClientAddress,
        info.ClientProvidedName,
        FieldValueJson.ToJson(info.ClientProperties),
        info.Channels,
        info.ConnectedAt,
        info.State)
    {
        Node = node.NodeName,
    };
}
