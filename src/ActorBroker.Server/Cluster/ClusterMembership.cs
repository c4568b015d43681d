using Akka.Actor;
using Microsoft.Extensions.Logging;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// Brings the node into its cluster before the broker starts: through akka.cluster.seed-nodes when the config
/// names some, else by joining itself (a one-node cluster). The node is a member once its status is Up.
/// </summary>
internal static partial class ClusterMembership
{
    /// <summary>Completes once this node is an Up member; logs its Akka address and how it joined.</summary>
    public static async Task JoinAsync(ActorSystem system, string nodeName, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = AkkaCluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(up.SetResult);
        var seeds = cluster.Settings.SeedNodes;
        if (seeds.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }

        if (seeds.Count == 0)
        {
            LogFormingAlone(logger, nodeName, cluster.SelfAddress);
        }
        else
        {
            LogJoining(logger, nodeName, cluster.SelfAddress, seeds);
        }

        await up.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        LogJoined(logger, nodeName, cluster.SelfAddress, cluster.State.Members.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeName} at Akka address {AkkaAddress} forms a cluster of its own (no seed nodes configured).")]
    private static partial void LogFormingAlone(ILogger logger, string nodeName, Address akkaAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeName} at Akka address {AkkaAddress} is joining the cluster through the seed nodes {Seeds}.")]
    private static partial void LogJoining(ILogger logger, string nodeName, Address akkaAddress, IEnumerable<Address> seeds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeName} at Akka address {AkkaAddress} is up in a cluster of {Members} member(s).")]
    private static partial void LogJoined(ILogger logger, string nodeName, Address akkaAddress, int members);
}
