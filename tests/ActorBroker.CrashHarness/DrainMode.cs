using System.Text;

namespace ActorBroker.CrashHarness;

/// <summary>Takes every message of the harness queue with manual acks, then shuts down gracefully.</summary>
internal static class DrainMode
{
    public static async Task<int> RunAsync(string journalPath)
    {
        await using var node = await HarnessNode.StartAsync(journalPath);
        var channel = await node.OpenChannelAsync();
        var output = new StringBuilder();
        while ((await channel.GetAsync(HarnessNode.Queue)).Delivery is { } delivery)
        {
            output.Append("delivered ").Append(Encoding.UTF8.GetString(delivery.Body.Span)).Append(' ').Append(delivery.Redelivered).Append('\n');
            delivery.Ack();
        }

        // A round trip to the queue: every ack sent before it has been handled and journaled before shutdown.
        await channel.GetQueueInfoAsync(HarnessNode.Queue);
        await Console.Out.WriteAsync(output.ToString());
        await Console.Out.FlushAsync();
        return 0;
    }
}
