using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

public class QueueStateLimitTests
{
    [Fact]
    public void Queue_ttl_expires_waiting_messages_as_dead_letters()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-ttl"] = 1000 });
        f.Publish("old");
        f.Clock.Advance(TimeSpan.FromMilliseconds(600));
        f.Publish("young");

        f.Clock.Advance(TimeSpan.FromMilliseconds(500));
        f.State.RunTimers();

        Assert.Equal(DeadLetterReason.Expired, Assert.Single(f.DeadLetters()).Reason);
        Assert.Equal(["young"], f.ReadyBodies());
    }

    [Fact]
    public void Per_message_expiration_applies_when_shorter_than_the_queue_ttl()
    {
        var f = new QueueStateFixture(new Headers { ["x-message-ttl"] = 10_000 });
        f.State.Publish(TestMessages.Text("short", properties: new BasicProperties { Expiration = TimeSpan.FromSeconds(1) }));

        f.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(f.State.Get(1, autoAck: true));
        Assert.Equal(DeadLetterReason.Expired, Assert.Single(f.DeadLetters()).Reason);
    }

    [Fact]
    public void Drop_head_overflow_dead_letters_the_oldest_with_reason_maxlen()
    {
        var f = new QueueStateFixture(new Headers { ["x-max-length"] = 2 });

        f.Publish("1", "2", "3");

        Assert.Equal(["2", "3"], f.ReadyBodies());
        var dead = Assert.Single(f.DeadLetters());
        Assert.Equal((DeadLetterReason.MaxLength, "1"), (dead.Reason, dead.Message.BodyText()));
    }

    [Fact]
    public void Max_length_bytes_counts_body_bytes()
    {
        var f = new QueueStateFixture(new Headers { ["x-max-length-bytes"] = 5 });

        f.Publish("aaa", "bbb");

        Assert.Equal(["bbb"], f.ReadyBodies());
    }

    [Theory]
    [InlineData("reject-publish", PublishOutcome.Rejected)]
    [InlineData("reject-publish-dlx", PublishOutcome.RejectedDeadLettered)]
    public void Reject_publish_overflow_refuses_new_messages(string overflow, PublishOutcome expected)
    {
        var f = new QueueStateFixture(new Headers { ["x-max-length"] = 1, ["x-overflow"] = overflow });
        f.Publish("1");

        Assert.Equal(expected, f.State.Publish(TestMessages.Text("2")));
        Assert.Equal(["1"], f.ReadyBodies());
    }

    [Theory]
    [InlineData("x-max-length", "ten")]
    [InlineData("x-message-ttl", -1)]
    [InlineData("x-overflow", "drop-tail")]
    [InlineData("x-max-priority", 256)]
    [InlineData("x-single-active-consumer", "yes")]
    public void Bad_queue_arguments_are_refused_with_a_clear_error(string name, object value)
    {
        var field = value is string s ? FieldValue.From(s) : FieldValue.From(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

        var error = Assert.Throws<Errors.BrokerException>(() => QueueArguments.Parse(new Headers { [name] = field }));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
