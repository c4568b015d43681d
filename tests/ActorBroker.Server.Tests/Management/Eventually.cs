namespace ActorBroker.Server.Tests.Management;

/// <summary>A probe: checks a condition until it holds, failing after a timeout.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var probe = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!await condition())
        {
            try
            {
                await probe.WaitForNextTickAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what} did not happen in time.");
            }
        }
    }
}
