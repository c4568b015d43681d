using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// GET /health/live (200 "live" while the process serves HTTP) and /health/ready (200 "ready" once the durable
/// queues are recovered and the AMQP listener accepts clients, 503 "recovering" before), open without credentials.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly HealthStatus s_live = new("live");
    private static readonly HealthStatus s_ready = new("ready");
    private static readonly HealthStatus s_recovering = new("recovering");

    public static void Map(IEndpointRouteBuilder root)
    {
        var health = root.MapGroup("/health");
        health.MapGet("/live", () => ApiJson.Ok(s_live));
        health.MapGet("/ready", ([FromServices] NodeReadiness readiness) => readiness.IsReady
            ? ApiJson.Ok(s_ready)
            : ApiJson.Reply(s_recovering, StatusCodes.Status503ServiceUnavailable));
    }
}
