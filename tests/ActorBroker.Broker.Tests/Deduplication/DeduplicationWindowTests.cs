using ActorBroker.Broker.Deduplication;

namespace ActorBroker.Broker.Tests.Deduplication;

public class DeduplicationWindowTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_forgotten_id_is_no_longer_a_duplicate_and_does_not_count_towards_the_size()
    {
        var window = new DeduplicationWindow(new DeduplicationSettings(2, null));
        window.Add("a", 1, s_start, journaled: true);
        window.Add("b", 2, s_start, journaled: true);

        window.Forget("a", 1);
        window.Add("c", 3, s_start, journaled: true);

        Assert.False(window.Contains("a", s_start));
        Assert.True(window.Contains("b", s_start));
        Assert.True(window.Contains("c", s_start));
        Assert.Equal(["b", "c"], window.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Forgetting_a_message_whose_id_was_taken_again_by_a_newer_one_keeps_the_newer()
    {
        var window = new DeduplicationWindow(new DeduplicationSettings(10, TimeSpan.FromSeconds(1)));
        window.Add("a", 1, s_start, journaled: true);
        window.Add("a", 5, s_start.AddSeconds(2), journaled: true);

        window.Forget("a", 1);

        Assert.True(window.Contains("a", s_start.AddSeconds(2)));
        Assert.Equal([5L], window.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Memory_stays_bounded_by_the_size_however_many_ids_pass()
    {
        var window = new DeduplicationWindow(new DeduplicationSettings(100, null));

        for (var i = 0; i < 10_000; i++)
        {
            window.Add($"id-{i}", i, s_start, journaled: false);
        }

        Assert.Equal(100, window.Count);
        Assert.Equal(100, window.Entries.Count());
        Assert.True(window.Contains("id-9999", s_start));
        Assert.False(window.Contains("id-9899", s_start));
    }
}
