namespace ActorBroker.Broker.Tests.Durability;

/// <summary>
/// Real crashes: a broker process publishing durable messages with confirms is SIGKILLed at a random moment,
/// then another process drains the queue from the same journal file.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Rounds = 4;
    private const int Publishers = 4;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly DurableTempFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Every_confirmed_message_survives_SIGKILL_in_publisher_order_and_acked_messages_never_come_back()
    {
        var random = new Random(4_2026);
        var ackedEarlier = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            var confirmed = await PublishUntilKilledAsync($"r{round}", killAfterConfirms: random.Next(50, 2000));
            await using var drain = HarnessProcess.Start("drain", _file.Path);
            var (lines, exitCode) = await drain.RunToEndAsync(s_timeout);
            Assert.True(exitCode == 0, $"round {round}: the drain exited {exitCode}: {drain.Errors}");
            var delivered = lines.Where(l => l.StartsWith("delivered ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();

            var resurrected = delivered.Intersect(ackedEarlier).ToList();
            Assert.True(resurrected.Count == 0, $"round {round}: acked in an earlier round, delivered again: {string.Join(", ", resurrected.Take(10))}");
            var lost = confirmed.Except(delivered).ToList();
            Assert.True(lost.Count == 0, $"round {round}: {lost.Count} of {confirmed.Count} confirmed messages lost, e.g. {string.Join(", ", lost.Take(10))}");
            foreach (var publisher in delivered.GroupBy(id => id[..id.LastIndexOf('-')]))
            {
                var numbers = publisher.Select(id => long.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(numbers.Order(), numbers);
            }

            ackedEarlier.UnionWith(delivered);
        }
    }

    /// <summary>Runs publishers until <paramref name="killAfterConfirms"/> confirms were printed, SIGKILLs them, returns every confirmed id.</summary>
    private async Task<HashSet<string>> PublishUntilKilledAsync(string prefix, int killAfterConfirms)
    {
        await using var publisher = HarnessProcess.Start("publish", _file.Path, prefix, Publishers.ToString(System.Globalization.CultureInfo.InvariantCulture), "512");
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        using var cancel = new CancellationTokenSource(s_timeout);
        await foreach (var line in publisher.Lines.ReadAllAsync(cancel.Token))
        {
            if (line.StartsWith("confirmed ", StringComparison.Ordinal) && confirmed.Add(line["confirmed ".Length..]) && confirmed.Count >= killAfterConfirms)
            {
                break;
            }
        }

        await publisher.KillAsync();
        // Confirms printed before the kill but read after it count too: the publisher saw them.
        while (publisher.Lines.TryRead(out var line))
        {
            if (line.StartsWith("confirmed ", StringComparison.Ordinal))
            {
                confirmed.Add(line["confirmed ".Length..]);
            }
        }

        Assert.True(confirmed.Count >= killAfterConfirms, $"only {confirmed.Count} of {killAfterConfirms} confirms before the publisher ended or timed out: {publisher.Errors}");
        return confirmed;
    }
}
