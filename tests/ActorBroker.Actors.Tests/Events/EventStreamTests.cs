namespace ActorBroker.Actors.Tests.Events;

public sealed class EventStreamTests : TestKit.TestKit
{
    [Fact]
    public void A_subscriber_receives_events_of_its_type_and_of_derived_types()
    {
        Sys.EventStream.Subscribe<Animal>(TestActor.Ref);

        Sys.EventStream.Publish(new Animal("generic"));
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");

        Assert.Equal("generic", ExpectMsg<Animal>().Name);
        Assert.Equal("rex", ExpectMsg<Dog>().Name);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Subscribing_to_an_interface_matches_every_implementation()
    {
        Sys.EventStream.Subscribe<ISound>(TestActor.Ref);

        Sys.EventStream.Publish(new Bark());

        ExpectMsg<Bark>();
    }

    [Fact]
    public void A_subscriber_to_two_matching_channels_gets_each_event_once()
    {
        Sys.EventStream.Subscribe<Animal>(TestActor.Ref);
        Sys.EventStream.Subscribe<Dog>(TestActor.Ref);

        Sys.EventStream.Publish(new Dog("rex"));

        ExpectMsg<Dog>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribing_from_a_type_stops_only_that_channel()
    {
        Sys.EventStream.Subscribe<Animal>(TestActor.Ref);
        Sys.EventStream.Subscribe<string>(TestActor.Ref);

        Sys.EventStream.Unsubscribe<Animal>(TestActor.Ref);
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("still subscribed");

        ExpectMsg("still subscribed");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribing_a_subscriber_removes_all_its_channels()
    {
        var other = CreateTestProbe();
        Sys.EventStream.Subscribe<Animal>(TestActor.Ref);
        Sys.EventStream.Subscribe<string>(TestActor.Ref);
        Sys.EventStream.Subscribe<string>(other.Ref);

        Sys.EventStream.Unsubscribe(TestActor.Ref);
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("hello");

        other.ExpectMsg("hello");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private interface ISound;

    private record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed record Bark : ISound;
}
