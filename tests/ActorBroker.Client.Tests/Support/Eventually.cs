namespace ActorBroker.Client.Tests.Support;

internal static class Eventually
{
    // Generous: the whole suite shares two cores in CI, and a passing check returns as soon as it holds.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Gets from the queue until a message comes (each get is a round trip to the queue: no sleep).</summary>
    public static async Task<BrokerDelivery> GetAsync(BrokerClient client, string queue)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (await client.GetAsync(queue, autoAck: true) is { } delivery)
            {
                return delivery;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue '{queue}' stayed empty.");
            }

            await Task.Yield();
        }
    }

    /// <summary>The first x-death entry's reason and queue.</summary>
    public static (string Reason, string Queue) Death(BrokerDelivery dead)
    {
        var deaths = (IReadOnlyList<object?>)dead.Properties.Headers!["x-death"]!;
        var first = (IReadOnlyDictionary<string, object?>)deaths[0]!;
        return ((string)first["reason"]!, (string)first["queue"]!);
    }
}
