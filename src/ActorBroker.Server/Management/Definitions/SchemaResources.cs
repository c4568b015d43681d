using System.Text.Json.Nodes;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Schemas;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>Schemas as the management API shows them.</summary>
internal static class SchemaResources
{
    public static SchemaResource ToResource(IReadOnlyList<MessageSchema> versions, string vhost) =>
        new(vhost, versions[0].Name, [.. versions.Select(v => new SchemaVersion(v.Version, JsonNode.Parse(v.Document)!, v.RegisteredAt))]);

    /// <summary>The schemas of one virtual host, by name.</summary>
    public static async Task<IReadOnlyList<SchemaResource>> ListAsync(MessageBroker broker, string vhost) =>
        [.. (await broker.Schemas.ListAsync(vhost).ConfigureAwait(false)).Select(versions => ToResource(versions, vhost))];
}
