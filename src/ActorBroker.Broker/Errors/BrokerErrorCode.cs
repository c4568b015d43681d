namespace ActorBroker.Broker.Errors;

/// <summary>
/// The catalogue of broker errors. Values are stable and equal the AMQP 0-9-1 reply codes, so the
/// protocol front end passes them through unchanged.
/// </summary>
public enum BrokerErrorCode
{
    /// <summary>A mandatory message could not be routed to any queue.</summary>
    NoRoute = 312,

    /// <summary>The operation is not permitted (reserved names, internal exchanges, exclusive consumers).</summary>
    AccessRefused = 403,

    /// <summary>The named queue, exchange, consumer or virtual host does not exist.</summary>
    NotFound = 404,

    /// <summary>The queue is exclusive to another connection.</summary>
    ResourceLocked = 405,

    /// <summary>The request conflicts with existing state (redeclare with other settings, unknown delivery tag, not empty/unused).</summary>
    PreconditionFailed = 406,

    /// <summary>The channel or connection is closed.</summary>
    ChannelClosed = 504,

    /// <summary>An argument is malformed (bad x-arguments, empty names where a name is required).</summary>
    InvalidArgument = 530,

    /// <summary>The operation is valid AMQP but this kind of queue does not do it (basic.get or auto-ack on a stream, as RabbitMQ).</summary>
    NotImplemented = 540,

    /// <summary>The broker failed on its side (e.g. its journal could not be read or written).</summary>
    InternalError = 541,
}
