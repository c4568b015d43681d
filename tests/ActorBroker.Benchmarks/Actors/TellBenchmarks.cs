using ActorBroker.Actors;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Actors;

/// <summary>
/// The cost of Tell itself in steady state: a burst of cached messages to an actor that drains them while
/// they arrive. The mailbox reuses its ring, so the expected allocation is 0 B per Tell.
/// </summary>
[BenchmarkCategory("Actors")]
public class TellBenchmarks
{
    private const int Burst = 1_000;
    private static readonly object s_message = new();

    private ActorSystem _system = null!;
    private IActorRef _sink = null!;
    private SemaphoreSlim _drained = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("tell");
        _drained = new SemaphoreSlim(0);
        _sink = _system.ActorOf(Props.Create(() => new SinkActor(Burst, _drained)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _system.Terminate().Wait();
        _drained.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Burst)]
    public void TellCachedMessage()
    {
        for (var i = 0; i < Burst; i++)
        {
            _sink.Tell(s_message);
        }

        _drained.Wait();
    }

    /// <summary>Counts messages and signals after every burst.</summary>
    private sealed class SinkActor : UntypedActor
    {
        private readonly int _burst;
        private readonly SemaphoreSlim _drained;
        private int _count;

        public SinkActor(int burst, SemaphoreSlim drained)
        {
            _burst = burst;
            _drained = drained;
        }

        protected override void OnReceive(object message)
        {
            if (++_count == _burst)
            {
                _count = 0;
                _drained.Release();
            }
        }
    }
}
