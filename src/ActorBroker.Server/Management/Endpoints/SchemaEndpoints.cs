using ActorBroker.Amqp.Connections;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// The schema registry: GET /api/schemas[/{vhost}[/{name}]], PUT/DELETE /api/schemas/{vhost}/{name}. A PUT adds a
/// version when the document differs from the newest one. Registering and deleting need the configure permission
/// on the schema's name in the virtual host, as declaring a queue does on the queue's.
/// </summary>
internal static class SchemaEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/schemas", async (NodeReadiness readiness) =>
        {
            var broker = readiness.RequireBroker();
            return ApiJson.Ok(await broker.Admin.GatherAsync(null, vhost => SchemaResources.ListAsync(broker, vhost)).ConfigureAwait(false));
        });

        api.MapGet("/schemas/{vhost}", async (string vhost, NodeReadiness readiness) =>
            ApiJson.Ok(await SchemaResources.ListAsync(readiness.RequireBroker(), ApiNames.FromPath(vhost)).ConfigureAwait(false)));

        api.MapGet("/schemas/{vhost}/{name}", async (string vhost, string name, NodeReadiness readiness) =>
        {
            (vhost, name) = (ApiNames.FromPath(vhost), ApiNames.FromPath(name));
            var versions = await readiness.RequireBroker().Schemas.VersionsAsync(vhost, name).ConfigureAwait(false);
            return versions.Count > 0
                ? ApiJson.Ok(SchemaResources.ToResource(versions, vhost))
                : throw ApiException.NotFound($"No schema '{name}' in virtual host '{vhost}'.");
        });

        api.MapPut("/schemas/{vhost}/{name}", async (string vhost, string name, HttpRequest request, NodeReadiness readiness) =>
        {
            (vhost, name) = (ApiNames.FromPath(vhost), ApiNames.FromPath(name));
            RequestPermissions.Of(request, vhost).Require(ResourceAccess.Configure, "schema", name);
            var body = await ApiJson.ReadBodyAsync<SchemaRegistration>(request).ConfigureAwait(false);
            var document = body.Schema ?? throw ApiException.BadRequest($"Schema '{name}' in virtual host '{vhost}': the body needs \"schema\", a JSON Schema document.");
            var (schema, created) = await readiness.RequireBroker().Schemas.RegisterAsync(vhost, name, document.ToJsonString()).ConfigureAwait(false);
            return ApiJson.Reply(new SchemaRegistered(vhost, name, schema.Version, created), created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        });

        api.MapDelete("/schemas/{vhost}/{name}", async (string vhost, string name, HttpRequest request, NodeReadiness readiness) =>
        {
            (vhost, name) = (ApiNames.FromPath(vhost), ApiNames.FromPath(name));
            RequestPermissions.Of(request, vhost).Require(ResourceAccess.Configure, "schema", name);
            return await readiness.RequireBroker().Schemas.DeleteAsync(vhost, name).ConfigureAwait(false)
                ? Results.NoContent()
                : throw ApiException.NotFound($"No schema '{name}' in virtual host '{vhost}'.");
        });
    }
}
