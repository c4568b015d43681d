using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/queues, /api/queues/{vhost}, /api/queues/{vhost}/{name}: a queue's declaration, sizes, counters and
/// rates (messages per second). Sort keys for lists are the snake_case property names of the numeric and name
/// properties (name, messages, messages_ready, messages_unacknowledged, message_bytes_ready, consumers,
/// publish_rate, deliver_rate, ack_rate).
/// </summary>
public sealed record QueueResource(
    string Vhost,
    string Name,
    bool Durable,
    bool Exclusive,
    bool AutoDelete,
    JsonObject Arguments,
    long Messages,
    long MessagesReady,
    long MessagesUnacknowledged,
    long MessageBytesReady,
    int Consumers,
    long Published,
    long Delivered,
    long Redelivered,
    long Acked,
    long DeadLettered,
    double PublishRate,
    double DeliverRate,
    double AckRate,
    string? DeadLetterExchange,
    string? DeadLetterRoutingKey)
{
    /// <summary>The name of the node that holds the queue (RabbitMQ's <c>node</c>).</summary>
    public string? Node { get; init; }

    /// <summary>A stream's consumer groups (GET of one stream only; absent for queues).</summary>
    public IReadOnlyList<ConsumerGroupResource>? ConsumerGroups { get; init; }
}

/// <summary>A consumer group of one stream: where it durably is (<c>committed_offset</c>) and how far behind (<c>lag</c>).</summary>
public sealed record ConsumerGroupResource(string Group, long CommittedOffset, long Lag, int Members, string? ActiveConsumer);

/// <summary>PUT /api/queues/{vhost}/{name}: 201 when created, 204 when an equivalent queue exists, 409 when it differs.</summary>
public sealed record QueueDeclareRequest(bool Durable = true, bool AutoDelete = false, JsonObject? Arguments = null);

/// <summary>The reply of DELETE /api/queues/{vhost}/{name} and of a purge (DELETE …/contents): messages removed.</summary>
public sealed record MessagesRemoved(long Messages);
