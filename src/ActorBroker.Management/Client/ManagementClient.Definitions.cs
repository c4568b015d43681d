using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// The deployment as a whole: definitions, policies and users.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/definitions: users, vhosts, queues, exchanges, bindings and policies in one document.</summary>
    public Task<Definitions> ExportDefinitionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<Definitions>(ApiPath.Of("definitions"), cancellationToken);

    /// <summary>POST /api/definitions: validated as a whole first (400, nothing applied), then applied idempotently.</summary>
    public Task<ImportResult> ImportDefinitionsAsync(Definitions definitions, CancellationToken cancellationToken = default) =>
        SendAsync<ImportResult>(HttpMethod.Post, ApiPath.Of("definitions"), definitions, cancellationToken);

    /// <summary>GET /api/policies or /api/policies/{vhost} (all vhosts when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<PolicyDefinition>> ListPoliciesAsync(string? vhost = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<PolicyDefinition>>(ApiPath.List("policies", vhost), cancellationToken);

    /// <summary>PUT /api/policies/{vhost}/{name}: creates or replaces the policy.</summary>
    public Task PutPolicyAsync(PolicyDefinition policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return SendForStatusAsync(HttpMethod.Put, ApiPath.Of("policies", policy.Vhost, policy.Name), policy, cancellationToken);
    }

    /// <summary>DELETE /api/policies/{vhost}/{name}.</summary>
    public Task DeletePolicyAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("policies", vhost, name), null, cancellationToken);

    /// <summary>GET /api/users (administrators only; password hashes included).</summary>
    public Task<IReadOnlyList<UserDefinition>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<UserDefinition>>(ApiPath.Of("users"), cancellationToken);

    /// <summary>PUT /api/users/{name}: creates or replaces the user.</summary>
    public Task PutUserAsync(UserDefinition user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SendForStatusAsync(HttpMethod.Put, ApiPath.Of("users", user.Name), user, cancellationToken);
    }

    /// <summary>DELETE /api/users/{name}.</summary>
    public Task DeleteUserAsync(string name, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("users", name), null, cancellationToken);
}
