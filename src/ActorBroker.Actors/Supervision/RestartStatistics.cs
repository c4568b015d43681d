using System.Diagnostics;

namespace ActorBroker.Actors;

/// <summary>A child's restarts as counted by its supervisor; used on the supervisor's turn only.</summary>
internal sealed class RestartStatistics
{
    private int _count;
    private long _windowStart;

    /// <summary>Counts one more restart and says whether the strategy's limit still allows it.</summary>
    public bool RequestPermission(int maxNrOfRetries, TimeSpan window)
    {
        if (maxNrOfRetries < 0)
        {
            return true;
        }

        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (window == Timeout.InfiniteTimeSpan)
        {
            return ++_count <= maxNrOfRetries;
        }

        if (_count == 0 || Stopwatch.GetElapsedTime(_windowStart) > window)
        {
            _windowStart = Stopwatch.GetTimestamp();
            _count = 1;
            return true;
        }

        return ++_count <= maxNrOfRetries;
    }
}
