using System.Net;
using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// The node itself: overview, identity, nodes, vhosts, health and metrics.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/overview.</summary>
    public Task<Overview> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        GetAsync<Overview>(ApiPath.Of("overview"), cancellationToken);

    /// <summary>GET /api/whoami: checks the credentials and returns the user's tags.</summary>
    public Task<WhoAmI> GetWhoAmIAsync(CancellationToken cancellationToken = default) =>
        GetAsync<WhoAmI>(ApiPath.Of("whoami"), cancellationToken);

    /// <summary>GET /api/nodes.</summary>
    public Task<IReadOnlyList<NodeResource>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<NodeResource>>(ApiPath.Of("nodes"), cancellationToken);

    /// <summary>GET /api/vhosts.</summary>
    public Task<IReadOnlyList<VirtualHostResource>> ListVhostsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<VirtualHostResource>>(ApiPath.Of("vhosts"), cancellationToken);

    /// <summary>PUT /api/vhosts/{vhost}: creates the vhost unless it exists.</summary>
    public async Task<DeclareOutcome> DeclareVhostAsync(string vhost, CancellationToken cancellationToken = default) =>
        Outcome(await SendForStatusAsync(HttpMethod.Put, ApiPath.Of("vhosts", vhost), null, cancellationToken).ConfigureAwait(false));

    /// <summary>DELETE /api/vhosts/{vhost}, with everything in it.</summary>
    public Task DeleteVhostAsync(string vhost, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("vhosts", vhost), null, cancellationToken);

    /// <summary>GET /health/live (no authentication needed).</summary>
    public Task<HealthStatus> GetLivenessAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthStatus>("health/live", cancellationToken);

    /// <summary>GET /health/ready: "ready", or "recovering" while the node still recovers (its 503 is no error here).</summary>
    public async Task<HealthStatus> GetReadinessAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<HealthStatus>("health/ready", cancellationToken).ConfigureAwait(false);
        }
        catch (ManagementApiException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return new HealthStatus("recovering");
        }
    }

    /// <summary>GET /metrics: the Prometheus text exposition.</summary>
    public async Task<string> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "metrics", null, null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DeclareOutcome Outcome(HttpStatusCode status) =>
        status == HttpStatusCode.Created ? DeclareOutcome.Created : DeclareOutcome.AlreadyExisted;
}
