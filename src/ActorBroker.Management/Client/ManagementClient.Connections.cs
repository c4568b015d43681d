using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// Client connections, their channels and consumers.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/connections.</summary>
    public Task<IReadOnlyList<ConnectionResource>> ListConnectionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ConnectionResource>>(ApiPath.Of("connections"), cancellationToken);

    /// <summary>GET /api/connections/{name}.</summary>
    public Task<ConnectionResource> GetConnectionAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<ConnectionResource>(ApiPath.Of("connections", name), cancellationToken);

    /// <summary>DELETE /api/connections/{name}: the client gets connection.close 320 with <paramref name="reason"/>.</summary>
    public async Task CloseConnectionAsync(string name, string? reason = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, ApiPath.Of("connections", name), null, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /api/channels, or /api/connections/{name}/channels when <paramref name="connection"/> is given.</summary>
    public Task<IReadOnlyList<ChannelResource>> ListChannelsAsync(string? connection = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ChannelResource>>(connection is null ? ApiPath.Of("channels") : ApiPath.Of("connections", connection, "channels"), cancellationToken);

    /// <summary>GET /api/consumers or /api/consumers/{vhost} (all vhosts when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<ConsumerResource>> ListConsumersAsync(string? vhost = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ConsumerResource>>(ApiPath.List("consumers", vhost), cancellationToken);
}
