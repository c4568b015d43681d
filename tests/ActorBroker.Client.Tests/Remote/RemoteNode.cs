using ActorBroker.Broker.Client;
using ActorBroker.Broker.Gateway;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Client.Tests.Remote;

/// <summary>
/// A broker node and client systems in this process, each its own ActorSystem on a loopback port: everything
/// between a client and the node crosses Akka.Remote, serialized, as between processes. The node is a one-node
/// cluster, so its gateway registers with the ClusterClientReceptionist as on a real node.
/// </summary>
public sealed class RemoteNode : IAsyncDisposable
{
    private static readonly Config s_nodeConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.min-nr-of-members = 1
        """);

    private static readonly Config s_clientConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        """);

    private RemoteNode(ActorSystem system, MessageBroker broker)
    {
        System = system;
        Broker = broker;
    }

    public ActorSystem System { get; }

    public MessageBroker Broker { get; }

    /// <summary>The node's Akka address, the contact point clients are given.</summary>
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    public static async Task<RemoteNode> StartAsync(BrokerOptions? options = null)
    {
        var system = ActorSystem.Create("actorbroker", s_nodeConfig);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(up.SetResult);
        await cluster.JoinAsync(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var broker = MessageBroker.Start(system, options);
        broker.StartGateway();
        return new RemoteNode(system, broker);
    }

    /// <summary>A client in an ActorSystem of its own, connected through a ClusterClient with this node as contact.</summary>
    public async Task<(ActorSystem System, BrokerClient Client)> ConnectClientAsync()
    {
        var system = ActorSystem.Create("app", s_clientConfig);
        try
        {
            return (system, await BrokerClient.ConnectAsync(system, new BrokerClientSettings([Address])));
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await System.Terminate();
    }
}
