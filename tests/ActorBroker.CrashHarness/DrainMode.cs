using System.Text;
using ActorBroker.Broker.Client;

namespace ActorBroker.CrashHarness;

/// <summary>
/// Consumes every message of the harness queue with manual acks (nothing else publishes meanwhile, so the
/// queue's length after recovery says when it is empty), then shuts down gracefully.
/// </summary>
internal static class DrainMode
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string journalPath)
    {
        await using var node = await HarnessNode.StartAsync(journalPath);
        var channel = await node.OpenChannelAsync();
        var expected = (await channel.GetQueueInfoAsync(HarnessNode.Queue)).Ready;
        var output = new StringBuilder();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        if (expected == 0)
        {
            done.SetResult();
        }

        // Deliveries of one consumer arrive one at a time, in queue order.
        await channel.ConsumeAsync(HarnessNode.Queue, delivery =>
        {
            output.Append("delivered ").Append(Encoding.UTF8.GetString(delivery.Body.Span)).Append(' ').Append(delivery.Redelivered).Append('\n');
            delivery.Ack();
            if (++received == expected)
            {
                done.SetResult();
            }
        }, new ConsumeOptions(Prefetch: 500));
        await done.Task.WaitAsync(s_timeout);

        // Acks travel through the channel; once the queue holds none unacked, shutdown journals the last of them.
        var deadline = DateTime.UtcNow + s_timeout;
        QueueInfo left;
        while ((left = await channel.GetQueueInfoAsync(HarnessNode.Queue)).Unacked > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        await Console.Out.WriteAsync(output.ToString());
        await Console.Out.FlushAsync();
        return left.Ready == 0 && left.Unacked == 0 ? 0 : 3;
    }
}
