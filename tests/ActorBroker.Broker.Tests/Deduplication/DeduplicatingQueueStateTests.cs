using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Queues;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Deduplication;

public class DeduplicatingQueueStateTests
{
    private static Message WithId(string body, FieldValue id) =>
        TestMessages.Text(body, properties: new BasicProperties { Headers = new Headers { ["x-deduplication-header"] = id } });

    [Fact]
    public void A_message_whose_id_was_seen_is_a_duplicate_and_is_not_enqueued()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true });

        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("first", "order-1")));
        Assert.Equal(PublishOutcome.Duplicate, f.State.Publish(WithId("retry", "order-1")));
        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("other", "order-2")));

        Assert.Equal(["first", "other"], f.ReadyBodies());
    }

    [Fact]
    public void An_id_stays_in_the_window_after_its_message_was_consumed()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true });
        f.State.Publish(WithId("first", "order-1"));
        Assert.NotNull(f.State.Get(1, autoAck: true));

        Assert.Equal(PublishOutcome.Duplicate, f.State.Publish(WithId("retry", "order-1")));
    }

    [Fact]
    public void Messages_without_the_header_are_never_duplicates()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true });

        f.Publish("a", "a", "a");

        Assert.Equal(["a", "a", "a"], f.ReadyBodies());
    }

    [Fact]
    public void Ids_of_different_types_do_not_match()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true });

        f.State.Publish(WithId("string", "1"));

        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("integer", 1)));
        Assert.Equal(PublishOutcome.Duplicate, f.State.Publish(WithId("integer again", 1L)));
    }

    [Fact]
    public void A_queue_without_the_argument_keeps_every_copy()
    {
        var f = new QueueStateFixture();

        f.State.Publish(WithId("a", "same"));
        f.State.Publish(WithId("b", "same"));

        Assert.Equal(["a", "b"], f.ReadyBodies());
    }

    [Fact]
    public void An_id_leaves_the_window_after_the_cache_ttl()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true, ["x-cache-ttl"] = 1000 });
        f.State.Publish(WithId("first", "order-1"));

        f.Clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(PublishOutcome.Duplicate, f.State.Publish(WithId("early retry", "order-1")));
        f.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("late retry", "order-1")));
    }

    [Fact]
    public void The_oldest_id_leaves_the_window_when_the_cache_is_full()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true, ["x-cache-size"] = "2" });
        f.State.Publish(WithId("1", "a"));
        f.State.Publish(WithId("2", "b"));
        f.State.Publish(WithId("3", "c"));

        Assert.Equal(PublishOutcome.Duplicate, f.State.Publish(WithId("b again", "b")));
        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("a again", "a")));
        Assert.Equal(2, f.State.Deduplication!.Count);
    }

    [Fact]
    public void A_message_refused_at_the_length_limit_leaves_no_id_behind()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-deduplication"] = true, ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" });
        f.State.Publish(WithId("kept", "a"));

        Assert.Equal(PublishOutcome.Rejected, f.State.Publish(WithId("refused", "b")));
        Assert.NotNull(f.State.Get(1, autoAck: true));

        Assert.Equal(PublishOutcome.Accepted, f.State.Publish(WithId("retried", "b")));
    }

    [Theory]
    [InlineData("x-message-deduplication", "maybe")]
    [InlineData("x-cache-size", 0)]
    [InlineData("x-cache-size", "ten")]
    [InlineData("x-cache-ttl", -5)]
    public void Bad_deduplication_arguments_are_refused_with_precondition_failed(string name, object value)
    {
        var arguments = new Headers { ["x-message-deduplication"] = true };
        arguments[name] = value switch { string text => text, int number => number, _ => throw new ArgumentException(null, nameof(value)) };

        var error = Assert.Throws<BrokerException>(() => QueueArguments.Parse(arguments));

        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
