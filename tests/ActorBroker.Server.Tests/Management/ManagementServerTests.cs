using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Client;
using ActorBroker.Hocon;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Cluster;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBroker.Server.Tests.Management;

public sealed class ManagementServerTests
{
    [Fact]
    public async Task While_the_node_recovers_broker_routes_answer_503_and_nodes_says_not_ready()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new NodeReadiness());
        services.AddSingleton(ConfiguredUsers.GuestOnly());
        services.AddSingleton(new NodeSettings("recovering@localhost", Path.GetTempPath(),
            JournalSettings.From(ConfigFactory.ParseString("plugin = sqlite, sqlite.path = x.db, postgresql.connection-string = unused, group-commit.max-batch = 1, snapshot-every = 1")),
            BrokerOptions.Default.QueueInMemoryMessages, BrokerOptions.Default.QueueInMemoryBytes));
        services.AddSingleton(AlarmSettings.Default);
        services.AddSingleton(new AmqpConnectionRegistry());
        // A cluster member that has not joined yet, as a recovering node is.
        using var system = ActorSystem.Create("recovering", "akka.actor.provider = cluster, akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }");
        services.AddSingleton(system).AddSingleton<NodeDescription>().AddSingleton<ClusterNodes>();
        await using var provider = services.BuildServiceProvider();
        await using var server = ManagementServer.Create(ManagementSettings.Loopback(), services, provider);
        await server.StartAsync(CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));

        using var overview = await client.GetAsync("/api/overview");
        var nodes = await client.GetAsync<List<NodeResource>>("/api/nodes");

        Assert.Equal("not_ready", (await overview.ErrorAsync(HttpStatusCode.ServiceUnavailable)).Error);
        var self = Assert.Single(nodes);
        Assert.Equal(("recovering@localhost", true, false), (self.Name, self.Running, self.Ready));
        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_node_whose_management_port_is_taken_fails_to_start_naming_the_address()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var node = new ManagementNode();

        var error = await Assert.ThrowsAsync<NodeStartException>(() => node.StartAsync(port));
        await node.DisposeAsync();

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("actorbroker.management", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loopback_only_user_is_refused_from_another_address_and_others_are_not()
    {
        var users = new ConfiguredUsers([
            new NodeUser("guest", PasswordHash.Parse(PasswordHash.Create("guest", iterations: 1)), ["administrator"], LoopbackOnly: true),
            new NodeUser("ops", PasswordHash.Parse(PasswordHash.Create("ops", iterations: 1)), ["administrator"]),
        ]);

        Assert.Null(BasicAuthentication.Authenticate(Remote("10.1.2.3", "guest:guest"), users));
        Assert.NotNull(BasicAuthentication.Authenticate(Remote("127.0.0.1", "guest:guest"), users));
        Assert.NotNull(BasicAuthentication.Authenticate(Remote("10.1.2.3", "ops:ops"), users));
    }

    [Fact]
    public void A_replaced_user_authenticates_with_its_new_password_only()
    {
        var users = ConfiguredUsers.GuestOnly();
        Assert.NotNull(users.Authenticate("guest", "guest", fromLoopback: true));

        users.Put(new NodeUser("guest", PasswordHash.Parse(PasswordHash.Create("changed", iterations: 1)), ["monitoring"], LoopbackOnly: true));

        Assert.Null(users.Authenticate("guest", "guest", fromLoopback: true));
        Assert.Equal(["monitoring"], users.Authenticate("guest", "changed", fromLoopback: true)!.Tags);
        Assert.True(users.Remove("guest"));
        Assert.Empty(users.List());
    }

    private static DefaultHttpContext Remote(string address, string credentials)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Headers.Authorization = $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}";
        return context;
    }
}
