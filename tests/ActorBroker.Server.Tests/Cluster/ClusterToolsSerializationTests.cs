using ActorBroker.Server.Hosting;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary>
/// The node's config binds the cluster tools' serializers (the receptionist's pub-sub, the ClusterClient) from its
/// start, not only once its own extensions first ran: else another node's gossip fails to deserialize meanwhile.
/// </summary>
public sealed class ClusterToolsSerializationTests
{
    [Fact]
    public async Task The_cluster_tools_defaults_bind_the_pub_sub_and_cluster_client_serializers_without_starting_those_extensions()
    {
        using var system = ActorSystem.Create("cluster-tools", AkkaNodeConfig.ClusterToolsDefaults);
        try
        {
            Assert.Equal(9, system.Serialization.FindSerializerForType(typeof(Publish)).Identifier);
            Assert.Equal(15, system.Serialization.FindSerializerForType(typeof(ClusterClient.Send)).Identifier);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
