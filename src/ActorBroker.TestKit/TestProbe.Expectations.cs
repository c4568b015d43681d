using System.Diagnostics;
using ActorBroker.Actors;

namespace ActorBroker.TestKit;

public sealed partial class TestProbe
{
    /// <summary>Expects the next message to be a <typeparamref name="T"/> and returns it.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, "any", timeout);

    /// <summary>Expects the next message to be a <typeparamref name="T"/> for which <paramref name="isMatch"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return ExpectMsg(isMatch, "one matching the predicate", timeout);
    }

    /// <summary>Expects the next message to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) =>
        ExpectMsg<T>(actual => Equals(actual, expected), $"equal to {expected}", timeout);

    /// <summary>Awaits the next message, which must be a <typeparamref name="T"/>, without blocking a thread.</summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null)
    {
        var wait = Resolve(timeout);
        var (received, message) = await TryReceiveAsync(wait).ConfigureAwait(false);
        if (!received)
        {
            throw new TestKitAssertionException($"{Ref.Path}: timeout ({wait}) while waiting for a message of type {typeof(T).Name}.");
        }

        return message is T typed
            ? typed
            : throw new TestKitAssertionException($"{Ref.Path}: expected a message of type {typeof(T).Name} but received {Describe(message)}.");
    }

    /// <summary>Expects that no message arrives during <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (TryReceive(duration, out var message))
        {
            throw new TestKitAssertionException($"{Ref.Path}: expected no message for {duration} but received {Describe(message)}.");
        }
    }

    /// <summary>Skips messages until a <typeparamref name="T"/> matching <paramref name="isMatch"/> arrives, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        var wait = Resolve(timeout);
        var started = Stopwatch.GetTimestamp();
        var skipped = 0;
        while (true)
        {
            var left = wait - Stopwatch.GetElapsedTime(started);
            if (left < TimeSpan.Zero || !TryReceive(left, out var message))
            {
                throw new TestKitAssertionException(
                    $"{Ref.Path}: timeout ({wait}) while fishing for a matching {typeof(T).Name}; {skipped} other message(s) skipped.");
            }

            if (message is T typed && isMatch(typed))
            {
                return typed;
            }

            skipped++;
        }
    }

    /// <summary>Expects the next message to be <see cref="Terminated"/> for <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), $"Terminated of {target.Path}", timeout);
    }

    /// <summary>Receives exactly <paramref name="n"/> messages, all within <paramref name="timeout"/> in total.</summary>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var wait = Resolve(timeout);
        var started = Stopwatch.GetTimestamp();
        var messages = new List<object>(n);
        while (messages.Count < n)
        {
            var left = wait - Stopwatch.GetElapsedTime(started);
            if (left < TimeSpan.Zero || !TryReceive(left, out var message))
            {
                throw new TestKitAssertionException($"{Ref.Path}: timeout ({wait}) after {messages.Count} of {n} messages.");
            }

            messages.Add(message);
        }

        return messages;
    }

    /// <summary>Runs <paramref name="block"/>, which must finish within <paramref name="max"/>; expectations inside default to the time left.</summary>
    public T Within<T>(TimeSpan max, Func<T> block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var started = Stopwatch.GetTimestamp();
        var outer = Volatile.Read(ref _deadline);
        Volatile.Write(ref _deadline, started + (long)(max.TotalSeconds * Stopwatch.Frequency));
        T result;
        try
        {
            result = block();
        }
        finally
        {
            Volatile.Write(ref _deadline, outer);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > max)
        {
            throw new TestKitAssertionException($"{Ref.Path}: the block took {elapsed}, more than the allowed {max}.");
        }

        return result;
    }

    /// <summary>Runs <paramref name="block"/>, which must finish within <paramref name="max"/>.</summary>
    public void Within(TimeSpan max, Action block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Within(max, () =>
        {
            block();
            return true;
        });
    }

    private T ExpectMsg<T>(Predicate<T> isMatch, string description, TimeSpan? timeout)
    {
        var wait = Resolve(timeout);
        if (!TryReceive(wait, out var message))
        {
            throw new TestKitAssertionException(
                $"{Ref.Path}: timeout ({wait}) while waiting for a message of type {typeof(T).Name} ({description}).");
        }

        if (message is T typed && isMatch(typed))
        {
            return typed;
        }

        throw new TestKitAssertionException(
            $"{Ref.Path}: expected a message of type {typeof(T).Name} ({description}) but received {Describe(message)}.");
    }
}
