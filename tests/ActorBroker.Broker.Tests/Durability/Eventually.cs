namespace ActorBroker.Broker.Tests.Durability;

/// <summary>Waits for work the broker does in the background (compaction) that no reply announces.</summary>
internal static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> explain) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, explain);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> explain)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {timeout}: {explain()}");
            await timer.WaitForNextTickAsync();
        }
    }
}
