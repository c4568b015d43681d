using ActorBroker.Actors;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>
/// Message throughput between pairs of actors, as many pairs as cores, all running at once. Results are
/// per message (one Tell plus its handling): messages per second = 1e9 / Mean(ns). The messages are
/// cached objects, so any allocation shown is the kernel's.
/// </summary>
[BenchmarkCategory("Actors")]
public class PingPongBenchmarks
{
    private const int Messages = 400_000;

    private ActorSystem _system = null!;
    private PingActor.Round[] _rounds = [];
    private IActorRef[] _pingers = [];

    /// <summary>Messages circulating in each pair at once.</summary>
    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("pingpong");
        var pairs = Environment.ProcessorCount;
        _pingers = new IActorRef[pairs];
        _rounds = new PingActor.Round[pairs];
        for (var i = 0; i < pairs; i++)
        {
            var ponger = _system.ActorOf(Props.Create<PongActor>());
            _pingers[i] = _system.ActorOf(Props.Create(() => new PingActor(ponger)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    /// <summary>All pairs at once, each with <see cref="InFlight"/> messages circulating.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public void PingPongPairsPerMessage()
    {
        // Each reply completes two messages: the ping and the pong.
        var repliesPerPair = Messages / 2 / _pingers.Length;
        for (var i = 0; i < _pingers.Length; i++)
        {
            _rounds[i] = new PingActor.Round(repliesPerPair, InFlight);
            _pingers[i].Tell(_rounds[i]);
        }

        foreach (var round in _rounds)
        {
            round.Done.Wait();
        }
    }
}
