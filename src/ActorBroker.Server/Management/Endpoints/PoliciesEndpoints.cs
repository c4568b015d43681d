using ActorBroker.Broker.Client;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// GET /api/policies[/{vhost}], PUT/DELETE /api/policies/{vhost}/{name}. A policy applies to queues declared
/// after it is set and to all queues when the node restarts; queues already running keep their arguments.
/// </summary>
internal static class PoliciesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/policies", async (NodeReadiness readiness) =>
        {
            var broker = readiness.RequireBroker();
            return ApiJson.Ok(await broker.Admin.GatherAsync(null, vhost => ListAsync(broker, vhost)).ConfigureAwait(false));
        });

        api.MapGet("/policies/{vhost}", async (string vhost, NodeReadiness readiness) =>
            ApiJson.Ok(await ListAsync(readiness.RequireBroker(), ApiNames.FromPath(vhost)).ConfigureAwait(false)));

        api.MapPut("/policies/{vhost}/{name}", async (string vhost, string name, HttpRequest request, NodeReadiness readiness) =>
        {
            var broker = readiness.RequireBroker();
            (vhost, name) = (ApiNames.FromPath(vhost), ApiNames.FromPath(name));
            var body = await ApiJson.ReadBodyAsync<PolicyDefinition>(request).ConfigureAwait(false);
            if ((!string.IsNullOrEmpty(body.Name) && body.Name != name) || (!string.IsNullOrEmpty(body.Vhost) && body.Vhost != vhost))
            {
                throw ApiException.BadRequest($"The body names policy '{body.Name}' in virtual host '{body.Vhost}' but the path names '{name}' in '{vhost}'.");
            }

            var policy = PolicyResources.ToPolicy(body with { Vhost = vhost, Name = name });
            var existed = (await broker.Policies.ListAsync(vhost).ConfigureAwait(false)).Any(p => p.Name == name);
            await broker.Policies.SetAsync(vhost, policy).ConfigureAwait(false);
            return existed ? Results.NoContent() : Results.StatusCode(StatusCodes.Status201Created);
        });

        api.MapDelete("/policies/{vhost}/{name}", async (string vhost, string name, NodeReadiness readiness) =>
        {
            (vhost, name) = (ApiNames.FromPath(vhost), ApiNames.FromPath(name));
            return await readiness.RequireBroker().Policies.ClearAsync(vhost, name).ConfigureAwait(false)
                ? Results.NoContent()
                : throw ApiException.NotFound($"No policy '{name}' in virtual host '{vhost}'.");
        });
    }

    /// <summary>The policies of one virtual host as definitions, highest priority first.</summary>
    public static async Task<IReadOnlyList<PolicyDefinition>> ListAsync(MessageBroker broker, string vhost) =>
        [.. (await broker.Policies.ListAsync(vhost).ConfigureAwait(false)).Select(p => PolicyResources.ToDefinition(p, vhost))];
}
