using System.Text;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// A consumer actor that tells a probe each delivery and answers it as <c>answer</c> says (null: no answer), and
/// tells it the broker's cancel notice.
/// </summary>
internal sealed class ProbeConsumer : ReceiveActor
{
    public ProbeConsumer(IActorRef probe, Func<BrokerDelivery, DeliverySettlement?> answer)
    {
        Receive<BrokerDelivery>(delivery =>
        {
            probe.Tell(delivery);
            if (answer(delivery) is { } settlement)
            {
                Sender.Tell(settlement);
            }
        });
        Receive<SubscriptionCancelled>(cancelled => probe.Tell(cancelled));
    }

    public static Props Acking(IActorRef probe) => Props.Create(() => new ProbeConsumer(probe, d => d.Ack()));

    public static Props Silent(IActorRef probe) => Props.Create(() => new ProbeConsumer(probe, _ => null));
}

/// <summary>A consumer actor that tells a probe each delivery's count and throws on it.</summary>
internal sealed class ThrowingConsumer : ReceiveActor
{
    public ThrowingConsumer(IActorRef probe) =>
        Receive<BrokerDelivery>(delivery =>
        {
            probe.Tell(delivery.DeliveryCount);
            throw new InvalidOperationException("cannot process " + Encoding.UTF8.GetString(delivery.Body.Span));
        });
}

/// <summary>Answers each request with its JSON body's number doubled, through the client, then acks it.</summary>
internal sealed class DoublingResponder : ReceiveActor
{
    public DoublingResponder(BrokerClient client) =>
        ReceiveAsync<BrokerDelivery>(async request =>
        {
            var sender = Sender;
            await client.ReplyJsonAsync(request, new Answer(request.BodyAs<Question>().Number * 2));
            sender.Tell(request.Ack());
        });
}

public sealed record Question(int Number);

public sealed record Answer(int Number);
