namespace ActorBroker.Actors.Tests.Collections;

public sealed class MpscQueueTests
{
    [Fact]
    public void An_empty_queue_has_nothing_to_dequeue()
    {
        var queue = new MpscQueue<int>();

        Assert.False(queue.HasItems);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void Items_come_out_in_order_across_segment_growth()
    {
        var queue = new MpscQueue<int>();
        const int count = 10_000;

        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(i);
        }

        for (var i = 0; i < count; i++)
        {
            Assert.True(queue.TryDequeue(out var item));
            Assert.Equal(i, item);
        }

        Assert.False(queue.HasItems);
    }

    [Fact]
    public void A_ring_is_reused_without_allocating_once_it_is_big_enough()
    {
        var queue = new MpscQueue<object>();
        var item = new object();
        for (var i = 0; i < 64; i++)
        {
            queue.Enqueue(item);
        }

        while (queue.TryDequeue(out _))
        {
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 1_000; round++)
        {
            for (var i = 0; i < 30; i++)
            {
                queue.Enqueue(item);
            }

            for (var i = 0; i < 30; i++)
            {
                queue.TryDequeue(out _);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_large_ring_found_empty_is_replaced_by_a_small_one()
    {
        var queue = new MpscQueue<int>();
        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue(i);
        }

        Assert.True(queue.TailCapacity > MpscQueue<int>.ShrinkAboveCapacity);
        while (queue.TryDequeue(out _))
        {
        }

        Assert.Equal(MpscQueue<int>.InitialSegmentCapacity, queue.TailCapacity);
        queue.Enqueue(1);
        Assert.True(queue.TryDequeue(out var item));
        Assert.Equal(1, item);
    }

    [Fact]
    public async Task Concurrent_producers_lose_and_duplicate_nothing_and_keep_their_own_order()
    {
        const int producers = 4;
        const int perProducer = 50_000;
        var queue = new MpscQueue<(int Producer, int Sequence)>();
        var next = new int[producers];
        var received = 0;

        var consumer = Task.Run(() =>
        {
            var spinner = default(SpinWait);
            while (received < producers * perProducer)
            {
                if (!queue.TryDequeue(out var item))
                {
                    spinner.SpinOnce();
                    continue;
                }

                Assert.Equal(next[item.Producer], item.Sequence);
                next[item.Producer]++;
                received++;
            }
        });
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                queue.Enqueue((p, i));
            }
        })));

        await consumer.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(next, n => Assert.Equal(perProducer, n));
        Assert.False(queue.TryDequeue(out _));
    }
}
