using ActorBroker.Management.Resources;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Hosting;
using Akka.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>This node's figures for GET /api/nodes: read here, asked for by the other members through <see cref="NodeInfoActor"/>.</summary>
internal sealed class NodeDescription(NodeReadiness readiness, NodeSettings node, AlarmSettings alarms)
{
    /// <summary>This node's name (actorbroker.node.name).</summary>
    public string Name => node.NodeName;

    /// <param name="self">This node's membership, for its address and status.</param>
    public NodeResource Describe(Member self)
    {
        var probe = new SystemResourceProbe(node.DataDirectory);
        var memory = probe.ReadMemory();
        var memoryLimit = (long)(memory.Total * alarms.MemoryHighWatermark);
        var diskFree = probe.ReadDiskFree();
        return new NodeResource(
            node.NodeName,
            Running: true,
            self.Address.ToString(),
            StatusName(self.Status),
            readiness.IsReady,
            readiness.Uptime.TotalSeconds,
            node.Journal.Plugin,
            memory.Used,
            memoryLimit,
            memory.Used > memoryLimit,
            diskFree,
            alarms.DiskFreeLimit,
            diskFree < alarms.DiskFreeLimit,
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.ProcessorCount);
    }

    /// <summary>A member that did not answer: what the membership says of it, no figures.</summary>
    public static NodeResource Unanswered(Member member) =>
        new(NodeRole.NameOf(member), Running: false, member.Address.ToString(), StatusName(member.Status), Ready: false,
            null, null, null, null, null, null, null, null, null, null);

    public static string StatusName(MemberStatus status) => status switch
    {
        MemberStatus.WeaklyUp => "weakly-up",
        _ => status.ToString().ToLowerInvariant(),
    };
}
