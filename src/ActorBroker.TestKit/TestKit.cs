using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>
/// A base class for test classes: owns an actor system named "test" and a default probe
/// (<see cref="TestActor"/>), and terminates the system when disposed (xunit disposes it after each test).
/// </summary>
public class TestKit : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(10);
    private int _probeCounter;
    private int _disposed;

    public TestKit(ActorSystemSettings? settings = null, string systemName = "test")
    {
        Sys = ActorSystem.Create(systemName, settings);
        TestActor = CreateTestProbe("testActor");
    }

    public ActorSystem Sys { get; }

    /// <summary>The default probe; the expectation methods of this class read from it.</summary>
    public TestProbe TestActor { get; }

    public IActorRef LastSender => TestActor.LastSender;

    /// <summary>Creates another probe; names are made unique with a counter.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, $"{name ?? "probe"}-{Interlocked.Increment(ref _probeCounter)}");

    public T ExpectMsg<T>(TimeSpan? timeout = null) => TestActor.ExpectMsg<T>(timeout);

    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => TestActor.ExpectMsg(isMatch, timeout);

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => TestActor.ExpectMsg(expected, timeout);

    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null) => TestActor.ExpectMsgAsync<T>(timeout);

    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? timeout = null) => TestActor.FishForMessage(isMatch, timeout);

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => TestActor.ExpectTerminated(target, timeout);

    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null) => TestActor.ReceiveN(n, timeout);

    public void Watch(IActorRef target) => TestActor.Watch(target);

    public T Within<T>(TimeSpan max, Func<T> block) => TestActor.Within(max, block);

    public void Within(TimeSpan max, Action block) => TestActor.Within(max, block);

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsyncCore().AsTask().GetAwaiter().GetResult();
        }
    }

    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await Sys.Terminate().WaitAsync(s_shutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TestKitAssertionException($"The test actor system did not terminate within {s_shutdownTimeout}.");
        }
    }
}
