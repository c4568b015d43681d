using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Delayed;

/// <summary>The arguments and header of RabbitMQ's delayed-message plugin.</summary>
public static class DelayedMessages
{
    /// <summary>The exchange argument naming how a delayed exchange routes: direct, fanout, topic or headers.</summary>
    public const string TypeArgument = "x-delayed-type";

    /// <summary>The message header holding the delay in milliseconds; absent, zero or negative routes at once.</summary>
    public const string DelayHeader = "x-delay";

    /// <summary>How an exchange's router matches: its own type, or a delayed exchange's <c>x-delayed-type</c>.</summary>
    /// <exception cref="BrokerException">Precondition failed: a delayed exchange without a valid <c>x-delayed-type</c>, in the plugin's words.</exception>
    public static ExchangeType RouterTypeOf(ExchangeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Type != ExchangeType.DelayedMessage)
        {
            return settings.Type;
        }

        if (settings.Arguments is not null && settings.Arguments.TryGetValue(TypeArgument, out var value) && value.Kind == FieldKind.String
            && ExchangeTypeNames.TryParse(value.AsString(), out var type) && type is ExchangeType.Direct or ExchangeType.Fanout or ExchangeType.Topic or ExchangeType.Headers)
        {
            return type;
        }

        throw BrokerException.PreconditionFailed($"Invalid argument, '{TypeArgument}' must be an existing exchange type (direct, fanout, topic or headers).");
    }

    /// <summary>The message's delay, or null when it routes at once.</summary>
    public static TimeSpan? DelayOf(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Properties.Headers is { } headers && headers.TryGetValue(DelayHeader, out var value)
            && value.TryGetInteger(out var milliseconds) && milliseconds > 0
                ? TimeSpan.FromMilliseconds(milliseconds)
                : null;
    }
}
