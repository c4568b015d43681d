using System.Runtime.CompilerServices;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Counts how often each message has crashed its queue actor. It lives in the queue's <see cref="QueueRuntime"/>,
/// so the count outlives the restarts it is counting.
/// </summary>
internal sealed class PoisonMessageCounter(int maxCrashes)
{
    // Weak keys: a message that eventually succeeds leaves no entry behind.
    private readonly ConditionalWeakTable<object, StrongBox<int>> _crashes = new();

    /// <summary>Records one more crash by <paramref name="message"/>; true once it has crashed the queue maxCrashes times.</summary>
    public bool IsPoison(object message)
    {
        if (++_crashes.GetOrCreateValue(message).Value < maxCrashes)
        {
            return false;
        }

        _crashes.Remove(message);
        return true;
    }
}
