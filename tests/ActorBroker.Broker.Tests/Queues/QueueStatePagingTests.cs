using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStatePagingTests
{
    private const int Window = 3;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };

    [Fact]
    public void Records_that_become_durable_after_later_publishes_keep_the_window_at_the_front()
    {
        var (state, enqueued) = PublishPaged(6);

        // Every record becomes durable only after all six publishes: the first ones find the window over-full too.
        foreach (var e in enqueued)
        {
            state.PageOutIfOverWindow(e.Sequence, e.Message);
        }

        Assert.Equal((Window, 6 - Window), (state.Counters.InMemoryBodies, state.Counters.PagedOut));
        // The bodies-reader throws: the first three are delivered from memory.
        Assert.Equal(["m0", "m1", "m2"], Enumerable.Range(0, Window).Select(_ => state.Get(1, autoAck: true)!.Message.BodyText()));
    }

    [Fact]
    public void Over_the_window_of_bytes_even_the_front_is_paged_out()
    {
        var (state, enqueued) = PublishPaged(6, windowBytes: 1);

        foreach (var e in enqueued)
        {
            state.PageOutIfOverWindow(e.Sequence, e.Message);
        }

        Assert.Equal(0, state.Counters.InMemoryBodies);
    }

    private static (QueueState State, List<MessageEnqueued> Enqueued) PublishPaged(int count, long windowBytes = long.MaxValue)
    {
        var state = new QueueState("q", QueueArguments.None, new ManualClock());
        state.EnablePaging(new NoBodies(), Window, windowBytes);
        for (var i = 0; i < count; i++)
        {
            state.Publish(TestMessages.Text("m" + i, properties: s_persistent));
        }

        var enqueued = state.PendingEvents.OfType<MessageEnqueued>().ToList();
        state.ClearPendingEvents();
        return (state, enqueued);
    }

    private sealed class NoBodies : IPagedBodies
    {
        public Message?[] Read(IReadOnlyList<QueuedMessage> pagedOut) => throw new InvalidOperationException("No read was expected.");
    }
}
