using ActorBroker.Management.Resources;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>GET /api/nodes: this node's resources and alarms; answers while the node recovers too (ready: false).</summary>
internal static class NodeEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/nodes", (NodeReadiness readiness, NodeSettings node, AlarmSettings alarms) =>
    {
        var probe = new SystemResourceProbe(node.DataDirectory);
        var memory = probe.ReadMemory();
        var memoryLimit = (long)(memory.Total * alarms.MemoryHighWatermark);
        var diskFree = probe.ReadDiskFree();
        return ApiJson.Ok<NodeResource[]>([new NodeResource(
            node.NodeName,
            readiness.Uptime.TotalSeconds,
            readiness.IsReady,
            node.Journal.Plugin,
            memory.Used,
            memoryLimit,
            memory.Used > memoryLimit,
            diskFree,
            alarms.DiskFreeLimit,
            diskFree < alarms.DiskFreeLimit,
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.ProcessorCount)]);
    });
}
