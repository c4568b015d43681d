using ActorBroker.Actors.Tests.Actor;

namespace ActorBroker.Actors.Tests.Events;

public sealed class DeadLetterTests : TestKit.TestKit
{
    [Fact]
    public void A_message_to_a_stopped_actor_is_published_as_a_dead_letter_with_sender_and_recipient()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var deadLetters = CreateTestProbe("dead");
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);

        actor.Tell("too late", TestActor.Ref);

        var deadLetter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("too late", deadLetter.Message);
        Assert.Same(TestActor.Ref, deadLetter.Sender);
        Assert.Same(actor, deadLetter.Recipient);
    }

    [Fact]
    public void Messages_still_in_the_mailbox_when_an_actor_stops_become_dead_letters()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(gate, TestActor.Ref)));
        var deadLetters = CreateTestProbe("dead");
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        actor.Tell("block");
        ExpectMsg("blocked");
        actor.Tell("left-1", TestActor.Ref);
        actor.Tell("left-2", TestActor.Ref);

        Sys.Stop(actor);
        gate.Release();

        Assert.Equal("left-1", deadLetters.ExpectMsg<DeadLetter>().Message);
        Assert.Equal("left-2", deadLetters.ExpectMsg<DeadLetter>().Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Messages_told_to_dead_letters_are_published()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor.Ref);

        Sys.DeadLetters.Tell("lost", TestActor.Ref);

        var deadLetter = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", deadLetter.Message);
        Assert.Same(Sys.DeadLetters, deadLetter.Recipient);
    }

    [Fact]
    public void A_poison_pill_stops_the_actor_after_the_messages_before_it_and_dead_letters_those_after()
    {
        using var gate = new SemaphoreSlim(0);
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(gate, TestActor.Ref)));
        var deadLetters = CreateTestProbe("dead");
        Sys.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        Watch(actor);
        actor.Tell("block");
        ExpectMsg("blocked");

        actor.Tell("before");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after");
        gate.Release();

        ExpectMsg("before");
        ExpectTerminated(actor);
        Assert.Equal("after", deadLetters.ExpectMsg<DeadLetter>().Message);
    }
}
