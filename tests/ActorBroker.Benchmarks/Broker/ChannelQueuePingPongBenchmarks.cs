using ActorBroker.Broker.Client;
using ActorBroker.Broker.Queues;
using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Broker;

/// <summary>
/// The broker's own actor setup on Akka.NET, ping-pong style: a queue actor delivers to a channel actor, the
/// consumer acknowledges every delivery on its own (no ack-multiple), and the ack travels back through the
/// channel to the queue, which only then may deliver past the prefetch window. With a prefetch of 1 each
/// message is a full queue → channel → queue round trip; with 100 the two actors pass batches. One operation
/// is one message published, delivered and acknowledged. The dispatcher's throughput (messages an actor
/// handles per turn) is a parameter: Akka's default of 30 against the 100 that config/broker.conf sets.
/// </summary>
[BenchmarkCategory("Broker")]
public class ChannelQueuePingPongBenchmarks
{
    private const int Messages = 100_000;

    private readonly byte[] _body = new byte[128];
    private MessageBroker _broker = null!;
    private BrokerChannel _publisher = null!;
    private ThroughputConsumer _consumer = null!;

    [Params(1, 100)]
    public int Prefetch { get; set; }

    [Params(30, 100)]
    public int DispatcherThroughput { get; set; }

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var config = ConfigurationFactory.ParseString($"akka.actor.default-dispatcher.throughput = {DispatcherThroughput}");
        _broker = MessageBroker.Start(ActorSystem.Create("ping-pong", config));
        var connection = await _broker.ConnectAsync();
        _publisher = await connection.CreateChannelAsync();
        await _publisher.DeclareQueueAsync("ping", new QueueDeclaration(Durable: false));
        var channel = await connection.CreateChannelAsync();
        _consumer = new ThroughputConsumer(channel, ackEvery: 1);
        await channel.ConsumeAsync("ping", _consumer.OnDelivery, new ConsumeOptions(Prefetch: Prefetch));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _broker.System.Terminate().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task DeliverAndAckEach()
    {
        var done = _consumer.Expect(Messages);
        for (var i = 0; i < Messages; i++)
        {
            _publisher.Publish("", "ping", _body);
        }

        await done;
    }
}
