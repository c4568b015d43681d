using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;

namespace ActorBroker.Persistence.GroupCommit;

/// <summary>
/// The awaitable behind <see cref="JournalWriter.WriteAsync"/>: reused once its result was read, so an
/// awaited write allocates nothing in the steady state.
/// </summary>
internal sealed class PooledWriteCompletion : IValueTaskSource
{
    private const int PoolLimit = 1024;
    private static readonly ConcurrentQueue<PooledWriteCompletion> s_pool = new();
    private static int s_pooled;

    // Continuations run on the pool, never inline on the writer's loop, which must go on to the next batch.
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    public static PooledWriteCompletion Rent()
    {
        if (s_pool.TryDequeue(out var completion))
        {
            Interlocked.Decrement(ref s_pooled);
            return completion;
        }

        return new PooledWriteCompletion();
    }

    public ValueTask Task => new(this, _core.Version);

    public void OnWriteCompleted(Exception? failure)
    {
        if (failure is null)
        {
            _core.SetResult(true);
        }
        else
        {
            _core.SetException(failure);
        }
    }

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            if (Interlocked.Increment(ref s_pooled) <= PoolLimit)
            {
                s_pool.Enqueue(this);
            }
            else
            {
                Interlocked.Decrement(ref s_pooled);
            }
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
