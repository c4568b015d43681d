using Akka.Actor;

namespace ActorBroker.Client.Protocol;

// The messages between a BrokerClient and a node's gateway. Plain data only (they cross Akka.Remote), written by
// ClientProtocolSerializer. The gateway answers each request to its sender with the reply named beside it, or with
// Failed.

/// <summary>
/// Opens a session on the gateway for <paramref name="Client"/>, which the session watches. Reply: <see cref="SessionOpened"/>.
/// The client chooses <paramref name="SessionId"/>, so that an open it sends again finds the session it created.
/// </summary>
internal sealed record OpenSession(string SessionId, string VirtualHost, IActorRef Client);

internal sealed record SessionOpened(IActorRef Session, string Node);

/// <summary>Reply: <see cref="Confirm"/> with the same sequence number.</summary>
internal sealed record Publish(long Sequence, string Exchange, string RoutingKey, MessageProperties Properties, ReadOnlyMemory<byte> Body, bool Mandatory);

/// <summary>The broker's confirm of a publish: accepted by every queue routed to, refused by one, or failed.</summary>
internal sealed record Confirm(long Sequence, bool Accepted, int ErrorCode = 0, string? Error = null);

/// <summary>
/// Starts a consumer whose deliveries go to <paramref name="Subscriber"/>, with consume <paramref name="Arguments"/>; with
/// <paramref name="SuperStream"/> a consumer on each partition of the super stream <paramref name="Queue"/>. Reply: <see cref="Done"/>.
/// </summary>
internal sealed record Subscribe(string ConsumerTag, string Queue, IActorRef Subscriber, SubscribeOptions Options, IReadOnlyDictionary<string, object?>? Arguments = null, bool SuperStream = false);

/// <summary>Ends a consumer; its unacknowledged deliveries go back to the queue. Reply: <see cref="Done"/>.</summary>
internal sealed record Unsubscribe(string ConsumerTag);

/// <summary>
/// A consumer actor threw on a delivery (an exception of <paramref name="ExceptionType"/>, by full name): the gateway
/// retries it with backoff, then dead-letters it with the type and message in its headers.
/// </summary>
internal sealed record ConsumerFailed(ulong DeliveryTag, string ExceptionType, string ExceptionMessage);

/// <summary>Reply: <see cref="GetReply"/>; a delivery taken by a get is settled with a <see cref="DeliverySettlement"/> to the session.</summary>
internal sealed record Get(string Queue, bool AutoAck);

internal sealed record GetReply(BrokerDelivery? Delivery, int MessageCount);

/// <summary>Publishes a request with a reply queue and correlation id. Reply: the reply's <see cref="BrokerDelivery"/>.</summary>
internal sealed record Request(string Exchange, string RoutingKey, MessageProperties Properties, ReadOnlyMemory<byte> Body, TimeSpan Timeout);

/// <summary>Reply: <see cref="QueueDeclared"/>.</summary>
internal sealed record DeclareQueue(string Name, QueueOptions Options);

/// <summary>Reply: <see cref="Count"/> of the ready messages it held.</summary>
internal sealed record DeleteQueue(string Name, bool IfUnused, bool IfEmpty);

/// <summary>Reply: <see cref="Count"/> of the messages removed.</summary>
internal sealed record PurgeQueue(string Name);

/// <summary>Reply: <see cref="Done"/>.</summary>
internal sealed record DeclareExchange(string Name, ExchangeOptions Options);

/// <summary>Reply: <see cref="Done"/>.</summary>
internal sealed record DeleteExchange(string Name, bool IfUnused);

/// <summary>Binds or unbinds a queue or an exchange (<paramref name="ToExchange"/>) to a source exchange. Reply: <see cref="Done"/>.</summary>
internal sealed record ChangeBinding(bool Bind, bool ToExchange, string Destination, string Source, string RoutingKey, IReadOnlyDictionary<string, object?>? Arguments);

internal sealed record Count(int Value);

/// <summary>The broker refused a request: the AMQP reply code and the reason.</summary>
internal sealed record Failed(int Code, string Message)
{
    /// <summary>A request got no reply within its timeout (HTTP's code for it; AMQP has none).</summary>
    public const int TimedOut = 408;

    /// <summary>AMQP's internal-error reply code.</summary>
    public const int InternalError = 541;

    public BrokerClientException ToException() => new(Code, Message);
}

internal sealed record Done
{
    public static Done Instance { get; } = new();
}
