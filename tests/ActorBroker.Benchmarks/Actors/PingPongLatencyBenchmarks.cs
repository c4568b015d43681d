using ActorBroker.Actors;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>One pair of actors with a single message in flight: the mean time of a round trip (two hops).</summary>
[BenchmarkCategory("Actors")]
public class PingPongLatencyBenchmarks
{
    private const int RoundTrips = 20_000;

    private ActorSystem _system = null!;
    private IActorRef _pinger = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("latency");
        var ponger = _system.ActorOf(Props.Create<PongActor>());
        _pinger = _system.ActorOf(Props.Create(() => new PingActor(ponger)));
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void PingPongRoundTrip()
    {
        var round = new PingActor.Round(RoundTrips, 1);
        _pinger.Tell(round);
        round.Done.Wait();
    }
}
