using ActorBroker.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /metrics: the node's instruments in the Prometheus text format, open to scrapers without credentials.</summary>
internal static class MetricsEndpoints
{
    // [FromServices]: resolved per request, so a host without metrics fails this route alone, not the route table.
    public static void Map(IEndpointRouteBuilder root) =>
        root.MapGet("/metrics", ([FromServices] MetricsService metrics) => Results.Text(metrics.Exporter.Collect(), PrometheusExporter.ContentType));
}
