namespace ActorBroker.Actors.Tests.Actor;

public sealed class ActorBasicsTests : TestKit.TestKit
{
    [Fact]
    public void A_told_message_reaches_the_actor_and_its_reply_reaches_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        echo.Tell("hello", TestActor.Ref);

        Assert.Equal("hello", ExpectMsg<string>());
        Assert.Same(echo, LastSender);
    }

    [Fact]
    public void Top_level_actors_live_under_the_user_guardian_with_their_name()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        Assert.Equal("/user/echo", echo.Path.ToString());
        Assert.Equal("echo", echo.Path.Name);
    }

    [Fact]
    public void Children_are_named_under_their_parent_and_listed_by_it()
    {
        var parent = Sys.ActorOf(Props.Create<ParentActor>(), "parent");

        parent.Tell(new ParentActor.ChildRequest(Props.Create<EchoActor>(), "kid"), TestActor.Ref);
        var child = ExpectMsg<IActorRef>();

        Assert.Equal("/user/parent/kid", child.Path.ToString());
        Assert.Equal(parent.Path, child.Path.Parent);
    }

    [Fact]
    public async Task A_parent_lists_its_live_children_and_finds_them_by_name()
    {
        var parent = Sys.ActorOf(Props.Create<ParentActor>());
        parent.Tell(new ParentActor.ChildRequest(Props.Create<EchoActor>(), "a"), TestActor.Ref);
        parent.Tell(new ParentActor.ChildRequest(Props.Create<EchoActor>(), "b"), TestActor.Ref);
        var a = ExpectMsg<IActorRef>();
        var b = ExpectMsg<IActorRef>();
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);

        var (children, found, missing) = await parent.Ask<(IActorRef[], IActorRef?, IActorRef?)>(
            ParentActor.Inspect.Instance, TimeSpan.FromSeconds(3));

        Assert.Equal([b], children);
        Assert.Same(b, found);
        Assert.Null(missing);
    }

    [Fact]
    public void A_second_actor_with_a_taken_name_is_refused()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "same");

        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "same"));
        Assert.Contains("'same' is already taken", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    public void Malformed_actor_names_are_refused(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));

    [Fact]
    public void Unnamed_actors_get_distinct_generated_names()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>());
        var second = Sys.ActorOf(Props.Create<EchoActor>());

        Assert.StartsWith("$", first.Path.Name, StringComparison.Ordinal);
        Assert.NotEqual(first.Path, second.Path);
    }

    [Fact]
    public void Creating_an_actor_with_new_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EchoActor());

        Assert.Contains("ActorOf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(TestActor.Ref)));
        var origin = CreateTestProbe("origin");

        forwarder.Tell("hi", origin.Ref);

        ExpectMsg("hi");
        Assert.Same(origin.Ref, LastSender);
    }

    [Fact]
    public void Sender_is_dead_letters_when_a_message_has_no_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Sys.EventStream.Subscribe<DeadLetter>(TestActor.Ref);

        echo.Tell("nobody asked");

        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("nobody asked", deadLetter.Message);
        Assert.Same(echo, deadLetter.Sender);
    }

    [Fact]
    public void Unhandled_messages_are_published_with_sender_and_recipient()
    {
        var picky = Sys.ActorOf(Props.Create<PickyActor>());
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor.Ref);

        picky.Tell(42, TestActor.Ref);

        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Same(TestActor.Ref, unhandled.Sender);
        Assert.Same(picky, unhandled.Recipient);
    }

    [Fact]
    public void Handlers_are_tried_in_declaration_order_and_a_false_result_passes_the_message_on()
    {
        var actor = Sys.ActorOf(Props.Create(() => new OrderedHandlersActor(TestActor.Ref)));

        actor.Tell("skip");
        actor.Tell("take");
        actor.Tell(7);

        ExpectMsg("any:skip");
        ExpectMsg("first:take");
        ExpectMsg("any:7");
    }

    [Fact]
    public void Become_replaces_the_handlers_and_unbecome_stacked_returns_to_the_previous_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new MoodActor(TestActor.Ref)));

        actor.Tell("how");
        actor.Tell("happy");
        actor.Tell("how");
        actor.Tell("angry");
        actor.Tell("how");
        actor.Tell("calm");
        actor.Tell("how");

        ExpectMsg("neutral");
        ExpectMsg(":)");
        ExpectMsg(">:(");
        ExpectMsg(":)");
    }

    [Fact]
    public void Become_in_the_constructor_chooses_the_initial_behavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StartsHappyActor(TestActor.Ref)));

        actor.Tell("how");

        ExpectMsg(":)");
    }

    [Fact]
    public void Declaring_a_handler_after_construction_is_refused()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LateHandlerActor(TestActor.Ref)));

        actor.Tell("declare");

        Assert.Contains("constructor", ExpectMsg<string>(), StringComparison.Ordinal);
    }

    private sealed class PickyActor : ReceiveActor
    {
        public PickyActor() => Receive<string>(_ => { });
    }

    private sealed class OrderedHandlersActor : ReceiveActor
    {
        public OrderedHandlersActor(IActorRef probe)
        {
            Receive<string>(message =>
            {
                if (message != "take")
                {
                    return false;
                }

                probe.Tell($"first:{message}");
                return true;
            });
            ReceiveAny(message => probe.Tell($"any:{message}"));
        }
    }

    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor(IActorRef probe)
        {
            Receive<string>(_ => probe.Tell("neutral"), m => m == "how");
            Receive<string>(_ => Become(() => Happy(probe)), m => m == "happy");
        }

        private void Happy(IActorRef probe)
        {
            Receive<string>(_ => probe.Tell(":)"), m => m == "how");
            Receive<string>(_ => BecomeStacked(() => Angry(probe)), m => m == "angry");
        }

        private void Angry(IActorRef probe)
        {
            Receive<string>(_ => probe.Tell(">:("), m => m == "how");
            Receive<string>(_ => UnbecomeStacked(), m => m == "calm");
        }
    }

    private sealed class StartsHappyActor : ReceiveActor
    {
        public StartsHappyActor(IActorRef probe) =>
            Become(() => Receive<string>(_ => probe.Tell(":)"), m => m == "how"));
    }

    private sealed class LateHandlerActor : ReceiveActor
    {
        public LateHandlerActor(IActorRef probe) =>
            Receive<string>(_ =>
            {
                try
                {
                    Receive<int>(_ => { });
                }
                catch (InvalidOperationException error)
                {
                    probe.Tell(error.Message);
                }
            });
    }
}
