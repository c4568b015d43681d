using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// A message as the API shows it (peek, get) and takes it (publish). <paramref name="PayloadEncoding"/> is
/// "string" (UTF-8 text) or "base64"; a body that is not valid UTF-8 is always shown as base64.
/// </summary>
public sealed record MessageResource(
    string Payload,
    string PayloadEncoding,
    long PayloadBytes,
    string Exchange,
    string RoutingKey,
    bool Redelivered,
    int DeliveryCount,
    MessageProperties Properties);

/// <summary>
/// The AMQP basic properties; null ones are left out. <paramref name="DeliveryMode"/>: 1 transient, 2 persistent.
/// <paramref name="Headers"/> holds the values as RabbitMQ's API shows them; JSON cannot tell a 32-bit int from a
/// 64-bit one, so <paramref name="HeaderTypes"/> mirrors the table with each value's AMQP type under RabbitMQ's name
/// (<c>signedint</c>, <c>long</c>, <c>short</c>, <c>byte</c>, <c>unsignedbyte</c>, <c>float</c>, <c>double</c>,
/// <c>longstr</c>, …): a nested table's entry is an object of its types, an array's an array of them.
/// </summary>
public sealed record MessageProperties(
    string? ContentType = null,
    string? ContentEncoding = null,
    JsonObject? Headers = null,
    int? DeliveryMode = null,
    int? Priority = null,
    string? CorrelationId = null,
    string? ReplyTo = null,
    string? Expiration = null,
    string? MessageId = null,
    long? Timestamp = null,
    string? Type = null,
    string? UserId = null,
    string? AppId = null,
    JsonObject? HeaderTypes = null);

/// <summary>GET /api/queues/{vhost}/{name}/peek?count=N: the first N messages, left in the queue.</summary>
public sealed record PeekResult(IReadOnlyList<MessageResource> Messages);

/// <summary>
/// POST /api/queues/{vhost}/{name}/get: takes up to <paramref name="Count"/> messages. <paramref name="AckMode"/>
/// is "ack" (removed) or "requeue" (put back, flagged redelivered).
/// </summary>
public sealed record GetRequest(int Count = 1, string AckMode = "requeue");

/// <summary>The messages a get took and the number left ready in the queue.</summary>
public sealed record GetResult(IReadOnlyList<MessageResource> Messages, long MessagesLeft);

/// <summary>POST /api/exchanges/{vhost}/{name}/publish.</summary>
public sealed record PublishRequest(string RoutingKey, string Payload, string PayloadEncoding = "string", MessageProperties? Properties = null);

/// <summary>Whether the published message reached at least one queue.</summary>
public sealed record PublishResult(bool Routed);

/// <summary>
/// POST /api/queues/{vhost}/{name}/redrive: moves up to <paramref name="Count"/> messages (all when null) from
/// this dead-letter queue back to the queue each died in, or to <paramref name="TargetQueue"/> when given.
/// </summary>
public sealed record RedriveRequest(int? Count = null, string? TargetQueue = null);

/// <summary>How many messages a redrive moved.</summary>
public sealed record RedriveResult(long Moved);
