namespace ActorBroker.Client;

/// <summary>
/// A message delivered to a consumer actor (or returned by a get). A consumer with manual acknowledgement answers
/// its sender with <see cref="Ack"/>, <see cref="Nack"/> or <see cref="Reject"/>; a consumer actor that throws on it
/// is restarted and the message retried with backoff, then dead-lettered with reason <c>crash</c> and the exception in <c>x-exception-type</c> and <c>x-exception-message</c>.
/// </summary>
/// <param name="ConsumerTag">The consumer it was delivered to; null for a get.</param>
/// <param name="DeliveryTag">Identifies the delivery for its settlement.</param>
/// <param name="DeliveryCount">How often the message has been delivered, this time included.</param>
/// <param name="Queue">The queue it came from.</param>
/// <param name="Exchange">The exchange it was published to (<c>""</c> for the default exchange).</param>
/// <param name="RoutingKey">The routing key it was published with.</param>
/// <param name="Properties">Its properties and headers.</param>
/// <param name="Body">Its body; shared, do not change it.</param>
public sealed record BrokerDelivery(
    string? ConsumerTag,
    ulong DeliveryTag,
    int DeliveryCount,
    string Queue,
    string Exchange,
    string RoutingKey,
    MessageProperties Properties,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>True when the message was delivered before and not acknowledged.</summary>
    public bool Redelivered => DeliveryCount > 1;

    /// <summary>
    /// The message's offset in the stream it was read from (its <c>x-stream-offset</c> header, as AMQP clients read it);
    /// null for a delivery from a queue. Start a subscription there with <see cref="StreamOffset.At"/>.
    /// </summary>
    public long? Offset => Properties.Headers is { } headers && headers.TryGetValue("x-stream-offset", out var offset) && offset is long value ? value : null;

    /// <summary>The answer that acknowledges this delivery: the broker forgets the message.</summary>
    public DeliverySettlement Ack() => new(DeliveryTag, SettlementKind.Ack);

    /// <summary>
    /// The answer that acknowledges this delivery and publishes <paramref name="outputs"/> in one transaction: all of
    /// it takes effect, or none (see <see cref="AckWithOutputs"/>).
    /// </summary>
    public AckWithOutputs AckWith(params PublishMessage[] outputs) => new(DeliveryTag, outputs);

    /// <summary>The answer that puts the message back at its place in the queue (<paramref name="requeue"/>) or dead-letters it.</summary>
    public DeliverySettlement Nack(bool requeue = true) => new(DeliveryTag, requeue ? SettlementKind.Requeue : SettlementKind.Reject);

    /// <summary>The answer that dead-letters the message (reason <c>rejected</c>), or requeues it.</summary>
    public DeliverySettlement Reject(bool requeue = false) => Nack(requeue);
}
