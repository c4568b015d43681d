using ActorBroker.Client.Actors;
using Akka.Actor;

namespace ActorBroker.Client;

/// <summary>A consumer actor subscribed to a queue.</summary>
public sealed class Subscription
{
    private readonly IActorRef _client;
    private readonly TimeSpan _timeout;

    internal Subscription(IActorRef client, TimeSpan timeout, string consumerTag, IActorRef subscriber)
    {
        _client = client;
        _timeout = timeout;
        ConsumerTag = consumerTag;
        Subscriber = subscriber;
    }

    public string ConsumerTag { get; }

    /// <summary>The parent of the consumer actor (its only child, named <c>consumer</c>); stopping it ends the subscription.</summary>
    public IActorRef Subscriber { get; }

    /// <summary>Cancels the consumer: its unacknowledged deliveries go back to the queue, then the consumer actor stops.</summary>
    public async Task UnsubscribeAsync() =>
        Replies.Expect<Protocol.Done>(await _client.Ask<object>(new ClientProtocol.StopSubscription(ConsumerTag), _timeout).ConfigureAwait(false));
}
