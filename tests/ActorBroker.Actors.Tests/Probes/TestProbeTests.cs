using ActorBroker.TestKit;

namespace ActorBroker.Actors.Tests.Probes;

public sealed class TestProbeTests : TestKit.TestKit
{
    [Fact]
    public void Expect_msg_fails_with_a_message_naming_what_arrived_instead()
    {
        TestActor.Tell(42);

        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromSeconds(1)));

        Assert.Contains("expected a message of type String", error.Message, StringComparison.Ordinal);
        Assert.Contains("42 (Int32)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_msg_times_out_with_a_clear_message()
    {
        var error = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));

        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_no_msg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");

        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void Fish_for_message_skips_other_messages()
    {
        TestActor.Tell("a");
        TestActor.Tell(1);
        TestActor.Tell("b");

        Assert.Equal("b", FishForMessage<string>(m => m == "b"));
    }

    [Fact]
    public async Task Expect_msg_async_awaits_the_next_message()
    {
        var waiting = ExpectMsgAsync<string>();

        TestActor.Tell("later");

        Assert.Equal("later", await waiting);
    }

    [Fact]
    public void Within_fails_when_the_block_takes_longer_than_allowed()
    {
        var error = Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromMilliseconds(10), () => ExpectNoMsg(TimeSpan.FromMilliseconds(60))));

        Assert.Contains("more than the allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_bounds_the_default_timeout_of_expectations_inside_it()
    {
        Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>()));
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var other = CreateTestProbe("other");
        TestActor.Tell("question", other.Ref);
        ExpectMsg("question");

        TestActor.Reply("answer");

        other.ExpectMsg("answer");
        Assert.Same(TestActor.Ref, other.LastSender);
    }
}
