using ActorBroker.Broker.Client;
using ActorBroker.Client.Tests.Support;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Embedded;

public class RequestResponseTests : EmbeddedSpec
{
    [Fact]
    public async Task AskAsync_returns_the_responder_actors_typed_reply()
    {
        await Client.DeclareQueueAsync("doubler");
        await Client.SubscribeAsync("doubler", Props.Create(() => new DoublingResponder(Client)));

        var answer = await Client.AskAsync<Answer>("", "doubler", new Question(21), TimeSpan.FromSeconds(20));

        Assert.Equal(42, answer.Number);
    }

    [Fact]
    public async Task A_request_without_a_reply_in_time_times_out_and_the_late_reply_is_dead_lettered()
    {
        await Client.DeclareQueueAsync("slow");
        var requests = CreateTestProbe();
        await Client.SubscribeAsync("slow", ProbeConsumer.Acking(requests));

        await Assert.ThrowsAsync<TimeoutException>(() => Client.RequestAsync("", "slow", Body("q"), TimeSpan.FromMilliseconds(300)));
        var request = requests.ExpectMsg<BrokerDelivery>();
        await Client.ReplyAsync(request, Body("too late"));

        var unclaimed = await Eventually.GetAsync(Client, BrokerChannel.UnclaimedRepliesQueue);
        Assert.Equal(("too late", request.Properties.CorrelationId), (Text(unclaimed), unclaimed.Properties.CorrelationId));
    }
}
