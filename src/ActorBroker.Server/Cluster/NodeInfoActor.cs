using Akka.Actor;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>Answers another member's <see cref="DescribeNode"/> with this node's <see cref="ActorBroker.Management.Resources.NodeResource"/>.</summary>
internal sealed class NodeInfoActor : ReceiveActor
{
    /// <summary>Where every node runs this actor, so that a member finds it from an address alone.</summary>
    public const string Name = "node-info";

    public NodeInfoActor(NodeDescription description) =>
        Receive<DescribeNode>(_ => Sender.Tell(description.Describe(AkkaCluster.Get(Context.System).SelfMember)));

    public static ActorPath PathAt(Address node) => new RootActorPath(node) / "user" / Name;

    /// <summary>Asks for the node's figures.</summary>
    public sealed record DescribeNode
    {
        public static DescribeNode Instance { get; } = new();
    }
}
