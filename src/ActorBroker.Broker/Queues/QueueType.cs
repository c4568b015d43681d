namespace ActorBroker.Broker.Queues;

/// <summary><c>x-queue-type</c>: which of RabbitMQ's queue types a queue behaves as.</summary>
public enum QueueType
{
    Classic,

    /// <summary>
    /// RabbitMQ's replicated queue, with the behaviour its clients observe on RabbitMQ 3.10: durable only, the
    /// delivery limit counted in returns, <c>x-delivery-count</c> on redeliveries. On one node it is a durable queue.
    /// </summary>
    Quorum,

    /// <summary>An append-only log read from offsets (RabbitMQ's stream over AMQP): a <see cref="Streams.StreamActor"/>, not a queue actor.</summary>
    Stream,
}

/// <summary><c>x-dead-letter-strategy</c> of a quorum queue.</summary>
public enum DeadLetterStrategy
{
    AtMostOnce,
    AtLeastOnce,
}
