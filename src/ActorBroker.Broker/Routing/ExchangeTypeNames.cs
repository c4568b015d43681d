namespace ActorBroker.Broker.Routing;

/// <summary>The AMQP names of exchange types (<c>exchange.declare</c>'s type, the management API's <c>type</c>).</summary>
public static class ExchangeTypeNames
{
    /// <summary>The names a declaration may give, for error messages.</summary>
    public const string Known = "direct, fanout, topic, headers, x-super-stream, x-delayed-message and x-message-deduplication";

    public static string Name(ExchangeType type) => type switch
    {
        ExchangeType.Direct => "direct",
        ExchangeType.Fanout => "fanout",
        ExchangeType.Topic => "topic",
        ExchangeType.Headers => "headers",
        ExchangeType.SuperStream => "x-super-stream",
        ExchangeType.DelayedMessage => "x-delayed-message",
        ExchangeType.MessageDeduplication => "x-message-deduplication",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown exchange type."),
    };

    public static bool TryParse(string? name, out ExchangeType type)
    {
        (var known, type) = name switch
        {
            "direct" => (true, ExchangeType.Direct),
            "fanout" => (true, ExchangeType.Fanout),
            "topic" => (true, ExchangeType.Topic),
            "headers" => (true, ExchangeType.Headers),
            "x-super-stream" => (true, ExchangeType.SuperStream),
            "x-delayed-message" => (true, ExchangeType.DelayedMessage),
            "x-message-deduplication" => (true, ExchangeType.MessageDeduplication),
            _ => (false, ExchangeType.Direct),
        };
        return known;
    }
}
