using System.Text;
using ActorBroker.Broker.Messages;

namespace ActorBroker.CrashHarness;

/// <summary>Several publishers, each with its own channel and a window of unconfirmed publishes, publishing until the process dies.</summary>
internal static class PublishMode
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };
    private static readonly Lock s_output = new();

    public static async Task<int> RunAsync(string journalPath, string prefix, int publishers, int outstanding)
    {
        var node = await HarnessNode.StartAsync(journalPath);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => PublishForeverAsync(node, $"{prefix}-{p}", outstanding)));
        return 0;
    }

    private static async Task PublishForeverAsync(HarnessNode node, string publisher, int outstanding)
    {
        var channel = await node.OpenChannelAsync();
        using var window = new SemaphoreSlim(outstanding);
        for (var n = 0L; ; n++)
        {
            await window.WaitAsync();
            var id = $"{publisher}-{n}";
            _ = channel.PublishAsync("", HarnessNode.Queue, Encoding.UTF8.GetBytes(id), s_persistent).ContinueWith(
                confirmed =>
                {
                    if (confirmed.Result)
                    {
                        Print("confirmed " + id);
                    }

                    window.Release();
                },
                TaskScheduler.Default);
        }
    }

    private static void Print(string line)
    {
        lock (s_output)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
