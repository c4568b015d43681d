using ActorBroker.Client;
using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Benchmarks.Client;

internal sealed class AkkaClientUnderTest(ActorSystem system, BrokerClient client) : IClientUnderTest
{
    public string Name => "Akka client";

    public static async Task<AkkaClientUnderTest> ConnectAsync(string akkaAddress)
    {
        var system = ActorSystem.Create("bench", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            """));
        return new AkkaClientUnderTest(system, await BrokerClient.ConnectAsync(system, new BrokerClientSettings([akkaAddress])));
    }

    public Task DeclareAsync(string queue) => client.DeclareQueueAsync(queue, new QueueOptions(Durable: false));

    public Task PublishConfirmedAsync(string queue, ReadOnlyMemory<byte> body) => client.PublishAsync("", queue, body);

    public async Task<IAsyncDisposable> ConsumeAsync(string queue, int prefetch, Action onDelivery) =>
        new Unsubscriber(await client.SubscribeAsync(queue, Props.Create(() => new AckingConsumer(onDelivery)), new SubscribeOptions(prefetch)));

    public Task DeclareStreamAsync(string stream) => client.DeclareStreamAsync(stream);

    public async Task<IAsyncDisposable> ConsumeStreamAsync(string stream, int prefetch, Action onDelivery) =>
        new Unsubscriber(await client.SubscribeToStreamAsync(stream, Props.Create(() => new AckingConsumer(onDelivery)), new StreamSubscribeOptions(StreamOffset.First, Prefetch: prefetch)));

    public async ValueTask DisposeAsync()
    {
        await client.DisposeAsync();
        await system.Terminate();
    }

    private sealed class AckingConsumer : ReceiveActor
    {
        public AckingConsumer(Action onDelivery) => Receive<BrokerDelivery>(delivery =>
        {
            onDelivery();
            Sender.Tell(delivery.Ack());
        });
    }

    private sealed class Unsubscriber(Subscription subscription) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await subscription.UnsubscribeAsync();
    }
}
