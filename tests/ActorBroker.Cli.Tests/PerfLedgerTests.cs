using System.Diagnostics;
using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfLedgerTests
{
    [Fact]
    public void Every_id_arriving_once_is_a_clean_run()
    {
        var ledger = new DeliveryLedger();
        for (var id = 999; id >= 0; id--)
            Assert.True(ledger.Record(id));

        var tally = ledger.Tally(published: 1000);
        Assert.Equal(new DeliveryTally(1000, 1000, 0, 0, 0), tally);
        Assert.True(tally.IsClean);
    }

    [Fact]
    public void Missing_ids_are_counted_as_lost()
    {
        var ledger = new DeliveryLedger();
        for (var id = 0; id < 200_000; id++)
        {
            if (id % 1000 != 7)
                ledger.Record(id);
        }

        var tally = ledger.Tally(published: 200_000);
        Assert.Equal(200, tally.Lost);
        Assert.Equal(199_800, tally.Received);
        Assert.False(tally.IsClean);
    }

    [Fact]
    public void A_repeated_id_is_counted_as_duplicated_not_as_received()
    {
        var ledger = new DeliveryLedger();
        ledger.Record(0);
        ledger.Record(1);
        Assert.False(ledger.Record(1));
        Assert.False(ledger.Record(1));

        Assert.Equal(new DeliveryTally(2, 2, 0, 2, 0), ledger.Tally(published: 2));
    }

    [Fact]
    public void Ids_never_published_and_bodies_without_an_id_are_unexpected()
    {
        var ledger = new DeliveryLedger();
        ledger.Record(0);
        ledger.Record(5);
        ledger.Record(-3);
        ledger.RecordMalformed();

        var tally = ledger.Tally(published: 1);
        Assert.Equal(0, tally.Lost);
        Assert.Equal(3, tally.Unexpected);
        Assert.False(tally.IsClean);
    }

    [Fact]
    public void Competing_recorders_each_id_once_leave_no_loss_or_duplicate()
    {
        var ledger = new DeliveryLedger();
        Parallel.For(0, 4, worker =>
        {
            for (long id = worker; id < 400_000; id += 4)
                ledger.Record(id);
        });

        Assert.Equal(new DeliveryTally(400_000, 400_000, 0, 0, 0), ledger.Tally(published: 400_000));
    }

    [Fact]
    public void A_confirm_window_frees_slots_as_the_lowest_outstanding_tags_are_confirmed()
    {
        using var window = new ConfirmWindow(4, new LatencyHistogram());
        for (var i = 0; i < 4; i++)
            Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        var blocked = window.WaitAsync(CancellationToken.None);
        Assert.False(blocked.IsCompleted);

        window.Confirm(3, multiple: false, ack: true);
        Assert.False(blocked.IsCompleted);

        window.Confirm(2, multiple: true, ack: true);
        Assert.True(blocked.IsCompletedSuccessfully);
        Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(window.WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Nacked_tags_free_their_slots_and_are_counted()
    {
        using var window = new ConfirmWindow(5, new LatencyHistogram());
        for (var i = 0; i < 5; i++)
            Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        window.Confirm(2, multiple: false, ack: true);
        window.Confirm(5, multiple: true, ack: false);

        Assert.Equal(4, window.Nacked);
        Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void Each_acked_tag_records_its_time_from_publish_to_confirm_once()
    {
        var latency = new LatencyHistogram();
        using var window = new ConfirmWindow(4, latency);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < 4; i++)
        {
            Assert.True(window.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
            window.Publishing();
        }

        window.Confirm(2, multiple: true, ack: true);
        window.Confirm(2, multiple: false, ack: true);
        window.Confirm(3, multiple: false, ack: false);
        var sinceStart = Stopwatch.GetElapsedTime(start);

        Assert.Equal(2, latency.Count);
        // The histogram keeps values within 1 %.
        Assert.InRange(latency.Max, 0, (long)(sinceStart.TotalNanoseconds * 1.01));
        window.Confirm(4, multiple: true, ack: true);
        Assert.Equal(3, latency.Count);
    }
}
