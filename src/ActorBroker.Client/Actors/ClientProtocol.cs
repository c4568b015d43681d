using Akka.Actor;

namespace ActorBroker.Client.Actors;

// Messages inside the client's own ActorSystem: never serialized.
internal static class ClientProtocol
{
    /// <summary>
    /// Creates a subscription actor (the parent of the consumer actor) and subscribes it to a queue or stream, or with
    /// <paramref name="SuperStream"/> to every partition of the super stream <paramref name="Queue"/>; <paramref name="Arguments"/>
    /// are the consume arguments (<c>x-stream-offset</c>, <c>x-consumer-group</c>). Reply: <see cref="Subscription"/>.
    /// </summary>
    public sealed record StartSubscription(string Queue, Props Consumer, SubscribeOptions Options, string? Name, IReadOnlyDictionary<string, object?>? Arguments = null, bool SuperStream = false);

    public sealed record StopSubscription(string ConsumerTag);

    /// <summary>Creates a publisher actor with a window of outstanding messages. Reply: its <see cref="IActorRef"/>.</summary>
    public sealed record StartPublisher(int Window, string? Name);

    /// <summary>Reply: <see cref="Connected"/> once the client has a session.</summary>
    public sealed record WaitConnected
    {
        public static WaitConnected Instance { get; } = new();
    }

    public sealed record Connected(string Node);

    public sealed record RetryOpen
    {
        public static RetryOpen Instance { get; } = new();
    }
}
