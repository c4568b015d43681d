using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// The schema registry of each virtual host.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/schemas or /api/schemas/{vhost} (every vhost when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<SchemaResource>> ListSchemasAsync(string? vhost = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SchemaResource>>(ApiPath.List("schemas", vhost), cancellationToken);

    /// <summary>GET /api/schemas/{vhost}/{name}: every version of one schema, oldest first.</summary>
    public Task<SchemaResource> GetSchemaAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        GetAsync<SchemaResource>(ApiPath.Of("schemas", vhost, name), cancellationToken);

    /// <summary>PUT /api/schemas/{vhost}/{name}: registers <paramref name="schema"/> as the newest version (none is added when it equals the newest).</summary>
    public Task<SchemaRegistered> RegisterSchemaAsync(string vhost, string name, JsonNode schema, CancellationToken cancellationToken = default) =>
        SendAsync<SchemaRegistered>(HttpMethod.Put, ApiPath.Of("schemas", vhost, name), new SchemaRegistration(schema), cancellationToken);

    /// <summary>DELETE /api/schemas/{vhost}/{name}: every version.</summary>
    public Task DeleteSchemaAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("schemas", vhost, name), null, cancellationToken);
}
