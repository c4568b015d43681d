using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace ActorBroker.Client.Actors;

/// <summary>How a client reaches a gateway to open its session: through a ClusterClient, or directly when embedded.</summary>
internal abstract record GatewayRoute
{
    /// <summary>Where each node's gateway lives, the path it registers with the ClusterClientReceptionist under.</summary>
    public const string GatewayPath = "/user/actorbroker-gateway";

    public abstract void Tell(object message, IActorRef sender);

    internal sealed record Direct(IActorRef Gateway) : GatewayRoute
    {
        public override void Tell(object message, IActorRef sender) => Gateway.Tell(message, sender);
    }

    internal sealed record ThroughClusterClient(IActorRef ClusterClient) : GatewayRoute
    {
        public override void Tell(object message, IActorRef sender) =>
            ClusterClient.Tell(new ClusterClient.Send(GatewayPath, message, localAffinity: true), sender);
    }
}
