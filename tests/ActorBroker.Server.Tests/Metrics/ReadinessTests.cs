using System.Net;
using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Client;
using ActorBroker.Hocon;
using ActorBroker.Server.Alarms;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;
using ActorBroker.Server.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBroker.Server.Tests.Metrics;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Health_ready_is_503_recovering_until_the_broker_has_started_and_the_listeners_accept()
    {
        var readiness = new NodeReadiness();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(readiness);
        services.AddSingleton(ConfiguredUsers.GuestOnly());
        services.AddSingleton(NodeSettings.From(ConfigFactory.ParseFile(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"))));
        services.AddSingleton<MetricsService>();
        services.AddSingleton(AlarmSettings.Default);
        services.AddSingleton(new AmqpConnectionRegistry());
        await using var provider = services.BuildServiceProvider();
        await using var server = ManagementServer.Create(ManagementSettings.Loopback(), services, provider);
        await server.StartAsync(CancellationToken.None);
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await using var broker = MessageBroker.Start();

        using var live = await client.GetAsync("/health/live");
        using var recovering = await client.GetAsync("/health/ready");
        readiness.BrokerStarted(broker);
        using var listenersNotYet = await client.GetAsync("/health/ready");
        readiness.ListenersStarted();
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, recovering.StatusCode);
        Assert.Equal("""{"status":"recovering"}""", await recovering.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, listenersNotYet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await server.StopAsync(CancellationToken.None);
    }
}
