using ActorBroker.Actors;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>
/// How the throughput setting (user messages per mailbox turn) trades per-turn overhead against
/// fairness: the ping-pong workload with 100 messages in flight per pair, per message.
/// </summary>
[BenchmarkCategory("Actors")]
public class MailboxThroughputBenchmarks
{
    private const int Messages = 400_000;
    private const int InFlight = 100;

    private ActorSystem _system = null!;
    private IActorRef[] _pingers = [];

    [Params(1, 10, 100, 1000)]
    public int Throughput { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("throughput", new ActorSystemSettings { Throughput = Throughput });
        _pingers = new IActorRef[Environment.ProcessorCount];
        for (var i = 0; i < _pingers.Length; i++)
        {
            var ponger = _system.ActorOf(Props.Create<PongActor>());
            _pingers[i] = _system.ActorOf(Props.Create(() => new PingActor(ponger)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void PerMessage()
    {
        var rounds = new PingActor.Round[_pingers.Length];
        for (var i = 0; i < _pingers.Length; i++)
        {
            rounds[i] = new PingActor.Round(Messages / 2 / _pingers.Length, InFlight);
            _pingers[i].Tell(rounds[i]);
        }

        foreach (var round in rounds)
        {
            round.Done.Wait();
        }
    }
}
