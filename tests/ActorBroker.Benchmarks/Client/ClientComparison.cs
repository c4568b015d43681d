using System.Diagnostics;
using System.Globalization;

namespace ActorBroker.Benchmarks.Client;

/// <summary>
/// <c>akka-client AKKA_ADDRESS AMQP_PORT [messages] [runs]</c>: against one running node, the Akka client (over
/// Akka.Remote) beside RabbitMQ.Client (over AMQP), same run, same workloads, alternating: publish-with-confirm rate
/// (256 confirms outstanding), consume rate (manual acks, prefetch 256) and publish-to-delivery round trip p50/p99
/// (one message at a time), and the consume rate of a stream read from its first message (the same messages,
/// published with confirms to a stream first). 256-byte bodies into a non-durable queue; prints each run and the
/// medians.
/// </summary>
internal static class ClientComparison
{
    public const string Mode = "akka-client";
    private const int Window = 256;
    private const int RoundTrips = 2000;
    private static readonly ReadOnlyMemory<byte> s_body = new byte[256];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: akka-client AKKA_ADDRESS AMQP_PORT [messages] [runs]");
            return 2;
        }

        var messages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000;
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        await using var akka = await AkkaClientUnderTest.ConnectAsync(args[0]);
        await using var amqp = await AmqpClientUnderTest.ConnectAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
        var results = new Dictionary<string, List<Figures>> { [akka.Name] = [], [amqp.Name] = [] };
        for (var run = 1; run <= runs; run++)
        {
            foreach (var client in new IClientUnderTest[] { akka, amqp })
            {
                var figures = await MeasureAsync(client, $"bench-{run}-{client.Name.Replace(' ', '-')}", messages);
                results[client.Name].Add(figures);
                Console.WriteLine($"run {run} {client.Name,-16} {figures}");
            }
        }

        Console.WriteLine($"medians of {runs} runs, {messages} messages each (load average {LoadAverage()}):");
        foreach (var (name, figures) in results)
        {
            Console.WriteLine($"  {name,-16} publish {Median(figures, f => f.PublishRate),9:N0} msg/s  consume {Median(figures, f => f.ConsumeRate),9:N0} msg/s  " +
                $"round trip p50 {Median(figures, f => f.P50),6:N3} ms  p99 {Median(figures, f => f.P99),6:N3} ms  " +
                $"stream consume {Median(figures, f => f.StreamConsumeRate),9:N0} msg/s");
        }

        return 0;
    }

    private static async Task<Figures> MeasureAsync(IClientUnderTest client, string queue, int messages)
    {
        await client.DeclareAsync(queue);
        var publishRate = await PublishAsync(client, queue, messages);
        var consumeRate = await ConsumeAsync(onDelivery => client.ConsumeAsync(queue, Window, onDelivery), messages);
        var (p50, p99) = await RoundTripAsync(client, queue + "-rt");
        var stream = queue + "-stream";
        await client.DeclareStreamAsync(stream);
        await PublishAsync(client, stream, messages);
        var streamRate = await ConsumeAsync(onDelivery => client.ConsumeStreamAsync(stream, Window, onDelivery), messages);
        return new Figures(publishRate, consumeRate, p50, p99, streamRate);
    }

    private static async Task<double> PublishAsync(IClientUnderTest client, string queue, int messages)
    {
        using var window = new SemaphoreSlim(Window);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>(messages);
        for (var i = 0; i < messages; i++)
        {
            await window.WaitAsync();
            pending.Add(PublishOneAsync(client, queue, window));
        }

        await Task.WhenAll(pending);
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task PublishOneAsync(IClientUnderTest client, string queue, SemaphoreSlim window)
    {
        try
        {
            await client.PublishConfirmedAsync(queue, s_body);
        }
        finally
        {
            window.Release();
        }
    }

    private static async Task<double> ConsumeAsync(Func<Action, Task<IAsyncDisposable>> consume, int messages)
    {
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        await using (await consume(() =>
        {
            if (Interlocked.Increment(ref received) == messages)
            {
                all.TrySetResult();
            }
        }))
        {
            await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
            return messages / clock.Elapsed.TotalSeconds;
        }
    }

    private static async Task<(double P50, double P99)> RoundTripAsync(IClientUnderTest client, string queue)
    {
        await client.DeclareAsync(queue);
        TaskCompletionSource? arrived = null;
        var samples = new double[RoundTrips];
        await using (await client.ConsumeAsync(queue, 1, () => Volatile.Read(ref arrived)!.TrySetResult()))
        {
            for (var i = 0; i < RoundTrips; i++)
            {
                var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref arrived, delivered);
                var start = Stopwatch.GetTimestamp();
                var confirmed = client.PublishConfirmedAsync(queue, s_body);
                await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                await confirmed;
            }
        }

        Array.Sort(samples);
        return (samples[RoundTrips / 2], samples[RoundTrips * 99 / 100]);
    }

    private static double Median(List<Figures> figures, Func<Figures, double> pick)
    {
        var values = figures.Select(pick).Order().ToList();
        return values[values.Count / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private sealed record Figures(double PublishRate, double ConsumeRate, double P50, double P99, double StreamConsumeRate)
    {
        public override string ToString() =>
            $"publish {PublishRate,9:N0} msg/s  consume {ConsumeRate,9:N0} msg/s  round trip p50 {P50,6:N3} ms  p99 {P99,6:N3} ms  " +
            $"stream consume {StreamConsumeRate,9:N0} msg/s";
    }
}
