using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// Permissions of users in virtual hosts, by RabbitMQ's routes.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/permissions or /api/vhosts/{vhost}/permissions (every vhost when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<PermissionDefinition>> ListPermissionsAsync(string? vhost = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<PermissionDefinition>>(vhost is null ? ApiPath.Of("permissions") : ApiPath.Of("vhosts", vhost, "permissions"), cancellationToken);

    /// <summary>PUT /api/permissions/{vhost}/{user}: sets the user's three patterns in the vhost.</summary>
    public Task SetPermissionsAsync(string vhost, string user, string configure, string write, string read, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Put, ApiPath.Of("permissions", vhost, user), new PermissionDefinition(null, null, configure, write, read), cancellationToken);

    /// <summary>DELETE /api/permissions/{vhost}/{user}.</summary>
    public Task ClearPermissionsAsync(string vhost, string user, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("permissions", vhost, user), null, cancellationToken);
}
