using System.Text;
using System.Threading.Channels;
using ActorBroker.Broker.Gateway;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorBroker.Client.Tests.Embedded;

public class EmbeddedHostingTests
{
    [Fact]
    public async Task An_application_hosts_the_broker_in_its_own_ActorSystem_with_Akka_Hosting_and_uses_it_through_the_client()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("app", akka => akka.WithEmbeddedBroker());
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var registry = host.Services.GetRequiredService<ActorRegistry>();

        await using (var client = await BrokerClient.ConnectToGatewayAsync(system, await registry.GetAsync<BrokerGateway>()))
        {
            await client.DeclareQueueAsync("embedded");
            var deliveries = Channel.CreateUnbounded<string>();
            await client.SubscribeAsync("embedded", Props.Create(() => new TextConsumer(deliveries.Writer)));

            Assert.True(await client.PublishAsync("", "embedded", Encoding.UTF8.GetBytes("in process")));

            Assert.Equal("in process", await deliveries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)));
        }

        await host.StopAsync();
    }

    private sealed class TextConsumer : ReceiveActor
    {
        public TextConsumer(ChannelWriter<string> texts) => Receive<BrokerDelivery>(delivery =>
        {
            texts.TryWrite(Encoding.UTF8.GetString(delivery.Body.Span));
            Sender.Tell(delivery.Ack());
        });
    }
}
