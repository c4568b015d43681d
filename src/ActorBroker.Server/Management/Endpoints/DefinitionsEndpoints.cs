using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// GET /api/definitions (administrators only: it holds password hashes) exports the node's users, virtual hosts, durable queues and exchanges, their bindings
/// and the policies as one document; POST /api/definitions imports such a document: all of it is validated first
/// (400 or 409 naming the offending item, nothing applied), then applied idempotently, replying what was created.
/// </summary>
internal static class DefinitionsEndpoints
{
    // UserStore is marked [FromServices]: a host without it (a test's bare management server) still builds the
    // other routes instead of taking the store for a request body.
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/definitions", async (HttpContext context, NodeReadiness readiness, [FromServices] UserStore users) =>
        {
            UsersEndpoints.RequireAdministrator(context, "the definitions");
            return ApiJson.Ok(await DefinitionsExport.ExportAsync(readiness.RequireBroker(), users).ConfigureAwait(false));
        });

        api.MapPost("/definitions", async (HttpRequest request, NodeReadiness readiness, [FromServices] UserStore users) =>
        {
            var broker = readiness.RequireBroker();
            var document = await ApiJson.ReadBodyAsync<ActorBroker.Management.Resources.Definitions>(request).ConfigureAwait(false);
            var plan = await DefinitionsValidation.PlanAsync(document, broker, users.Users).ConfigureAwait(false);
            return ApiJson.Ok(await DefinitionsImport.ApplyAsync(plan, broker, users).ConfigureAwait(false));
        });
    }
}
