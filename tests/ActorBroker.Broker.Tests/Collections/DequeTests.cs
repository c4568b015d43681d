using ActorBroker.Broker.Collections;

namespace ActorBroker.Broker.Tests.Collections;

public class DequeTests
{
    [Fact]
    public void Keeps_order_across_wrap_around_growth_and_middle_inserts()
    {
        var deque = new Deque<int>(4);
        for (var i = 0; i < 3; i++)
        {
            deque.PushBack(i);
        }

        deque.PopFront();
        deque.PopFront();
        for (var i = 3; i < 10; i++)
        {
            deque.PushBack(i);
        }

        deque.Insert(1, 100);

        Assert.Equal([2, 100, 3, 4, 5, 6, 7, 8, 9], Enumerable.Range(0, deque.Count).Select(i => deque[i]));
    }

    [Fact]
    public void An_element_removed_from_the_middle_of_a_wrapped_ring_leaves_the_others_in_order()
    {
        var deque = new Deque<int>(4);
        for (var i = 0; i < 4; i++)
        {
            deque.PushBack(i);
        }

        deque.PopFront();
        deque.PopFront();
        deque.PushBack(4);
        deque.PushBack(5);

        Assert.Equal(4, deque.RemoveAt(2));
        Assert.Equal([2, 3, 5], Enumerable.Range(0, deque.Count).Select(i => deque[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => deque.RemoveAt(3));
    }

    [Fact]
    public void Elements_can_be_changed_in_place()
    {
        var deque = new Deque<int>();
        deque.PushBack(1);

        deque.At(0) = 5;

        Assert.Equal(5, deque.PeekFront());
    }

    [Fact]
    public void Out_of_range_access_is_refused()
    {
        var deque = new Deque<int>();

        Assert.Throws<InvalidOperationException>(() => deque.PopFront());
        Assert.Throws<ArgumentOutOfRangeException>(() => deque[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => deque.Insert(1, 0));
    }
}
