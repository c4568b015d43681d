using ActorBroker.Server.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /metrics: the node's instruments in the Prometheus text format, open to scrapers without credentials.</summary>
internal static class MetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder root) =>
        root.MapGet("/metrics", (MetricsService metrics) => Results.Text(metrics.Exporter.Collect(), PrometheusExporter.ContentType));
}
