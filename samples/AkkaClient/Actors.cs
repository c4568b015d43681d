using ActorBroker.Client;
using Akka.Actor;

namespace AkkaClient;

internal sealed record Greeting(string Text);

internal sealed record Question(int Number);

internal sealed record Answer(int Number);

/// <summary>Takes greetings and acknowledges each; the first one completes <c>greeted</c>.</summary>
internal sealed class GreetingConsumer : ReceiveActor
{
    public GreetingConsumer(TaskCompletionSource<string> greeted) =>
        Receive<BrokerDelivery>(delivery =>
        {
            greeted.TrySetResult(delivery.BodyAs<Greeting>().Text);
            Sender.Tell(delivery.Ack());
        });
}

/// <summary>Answers each question with its number doubled, then acknowledges the request.</summary>
internal sealed class DoublingService : ReceiveActor
{
    public DoublingService(BrokerClient client) =>
        ReceiveAsync<BrokerDelivery>(async request =>
        {
            var sender = Sender;
            await client.ReplyJsonAsync(request, new Answer(request.BodyAs<Question>().Number * 2)).ConfigureAwait(false);
            sender.Tell(request.Ack());
        });
}
