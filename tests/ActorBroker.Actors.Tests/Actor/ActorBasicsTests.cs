using ActorBroker.Actors;
using ActorBroker.TestKit;

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
    public async Task Ask_returns_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var reply = await echo.Ask<string>("ping", TimeSpan.FromSeconds(3));

        Assert.Equal("ping", reply);
    }

    [Fact]
    public void Stopping_an_actor_notifies_its_watcher()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);

        Sys.Stop(echo);

        ExpectTerminated(echo);
    }
}
