namespace ActorBroker.Broker.Messages;

/// <summary>
/// A published message as the broker holds it: where it was published to, its properties and its body.
/// Immutable; the body is never copied by the broker, so the publisher must not reuse its buffer
/// until the message is acknowledged or dropped.
/// </summary>
public sealed class Message
{
    public Message(string exchange, string routingKey, BasicProperties properties, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        ArgumentNullException.ThrowIfNull(properties);
        Exchange = exchange;
        RoutingKey = routingKey;
        Properties = properties;
        Body = body;
    }

    /// <summary>The exchange the message was published to (<c>""</c> for the default exchange).</summary>
    public string Exchange { get; }

    public string RoutingKey { get; }

    public BasicProperties Properties { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>A copy of this message with other properties, exchange or routing key (the body is shared).</summary>
    public Message With(BasicProperties? properties = null, string? exchange = null, string? routingKey = null) =>
        new(exchange ?? Exchange, routingKey ?? RoutingKey, properties ?? Properties, Body);
}
