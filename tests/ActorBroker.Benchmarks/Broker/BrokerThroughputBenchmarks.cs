using ActorBroker.Broker.Client;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Broker;

/// <summary>
/// In-process broker throughput: transient queues, 128-byte bodies, one producer, manual acks (batched with
/// ack-multiple), prefetch 1000. Each operation is one message published and acknowledged; the fanout case
/// counts one operation per delivery (4 queues). Targets: 1 million operations per second for both.
/// </summary>
[BenchmarkCategory("Broker")]
public class BrokerThroughputBenchmarks
{
    private const int Messages = 200_000;
    private const int Prefetch = 1000;
    private const int AckEvery = 100;
    private const int FanoutQueues = 4;

    private readonly byte[] _body = new byte[128];
    private MessageBroker _broker = null!;
    private BrokerChannel _publisher = null!;
    private ThroughputConsumer _single = null!;
    private ThroughputConsumer[] _fanout = [];

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async global setup,
    // so the first workload call could race the declarations.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _broker = MessageBroker.Start();
        var connection = await _broker.ConnectAsync();
        _publisher = await connection.CreateChannelAsync();
        var transient = new QueueDeclaration(Durable: false);

        await _publisher.DeclareQueueAsync("bench", transient);
        _single = await StartConsumerAsync(connection, "bench");

        await _publisher.DeclareExchangeAsync("bench.fanout", new ExchangeSettings(ExchangeType.Fanout, Durable: false));
        _fanout = new ThroughputConsumer[FanoutQueues];
        for (var i = 0; i < FanoutQueues; i++)
        {
            var queue = "bench.fanout." + i;
            await _publisher.DeclareQueueAsync(queue, transient);
            await _publisher.BindQueueAsync(queue, "bench.fanout", "");
            _fanout[i] = await StartConsumerAsync(connection, queue);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _broker.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task PublishAndAckOneQueue()
    {
        var done = _single.Expect(Messages);
        for (var i = 0; i < Messages; i++)
        {
            _publisher.Publish("", "bench", _body);
        }

        await done;
    }

    [Benchmark(OperationsPerInvoke = Messages * FanoutQueues)]
    public async Task FanoutToFourQueues()
    {
        var done = new Task[FanoutQueues];
        for (var i = 0; i < FanoutQueues; i++)
        {
            done[i] = _fanout[i].Expect(Messages);
        }

        for (var i = 0; i < Messages; i++)
        {
            _publisher.Publish("bench.fanout", "", _body);
        }

        await Task.WhenAll(done);
    }

    private static async Task<ThroughputConsumer> StartConsumerAsync(BrokerConnection connection, string queue)
    {
        var channel = await connection.CreateChannelAsync();
        var consumer = new ThroughputConsumer(channel, AckEvery);
        await channel.ConsumeAsync(queue, consumer.OnDelivery, new ConsumeOptions(Prefetch: Prefetch));
        return consumer;
    }
}
