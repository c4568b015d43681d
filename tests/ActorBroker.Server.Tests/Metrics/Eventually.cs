namespace ActorBroker.Server.Tests.Metrics;

internal static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until <paramref name="holds"/> accepts its value; fails with the last value after the timeout.</summary>
    public static Task<T> HoldsAsync<T>(Func<T> probe, Func<T, bool> holds, TimeSpan timeout) =>
        HoldsAsync(() => Task.FromResult(probe()), holds, timeout);

    /// <inheritdoc cref="HoldsAsync{T}(Func{T}, Func{T, bool}, TimeSpan)"/>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan timeout)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (holds(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The condition did not hold within {timeout}; last value:\n{value}");
            await timer.WaitForNextTickAsync();
        }
    }
}
