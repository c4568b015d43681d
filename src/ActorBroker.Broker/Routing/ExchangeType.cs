namespace ActorBroker.Broker.Routing;

/// <summary>How an exchange picks the bindings a message follows.</summary>
public enum ExchangeType
{
    /// <summary>Binding key equals the routing key.</summary>
    Direct,

    /// <summary>Every binding.</summary>
    Fanout,

    /// <summary>Dot-separated pattern: <c>*</c> matches one word, <c>#</c> zero or more.</summary>
    Topic,

    /// <summary>Binding arguments compared with message headers (<c>x-match</c> all or any).</summary>
    Headers,

    /// <summary>
    /// <c>x-super-stream</c>: a partitioned stream; the routing key's hash picks one of the partitions, bound with
    /// binding keys "0" to "N−1" (<see cref="Streams.SuperStreams"/>).
    /// </summary>
    SuperStream,

    /// <summary>
    /// <c>x-delayed-message</c>, as RabbitMQ's delayed-message plugin defines it: routes as its <c>x-delayed-type</c>
    /// once the message's <c>x-delay</c> (milliseconds) has passed.
    /// </summary>
    DelayedMessage,

    /// <summary>
    /// <c>x-message-deduplication</c>, as RabbitMQ's message-deduplication plugin defines it: routes like fanout, but
    /// a message whose <c>x-deduplication-header</c> is in the exchange's window is not routed at all.
    /// </summary>
    MessageDeduplication,
}
