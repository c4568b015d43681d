using ActorBroker.Broker.Deduplication;
using ActorBroker.Broker.Delayed;

namespace ActorBroker.Broker.Routing;

/// <summary>How the router of an exchange matches, which is not always the exchange's own type.</summary>
internal static class ExchangeRouterTypes
{
    /// <summary>
    /// Its own type; a delayed exchange's <c>x-delayed-type</c>; fanout for a deduplicating exchange, as the plugin
    /// routes (after checking its cache arguments).
    /// </summary>
    /// <exception cref="Errors.BrokerException">Precondition failed: the exchange type's arguments are missing or invalid.</exception>
    public static ExchangeType Of(ExchangeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Type)
        {
            case ExchangeType.DelayedMessage:
                return DelayedMessages.RouterTypeOf(settings);
            case ExchangeType.MessageDeduplication:
                _ = DeduplicationSettings.ForExchange(settings.Arguments);
                return ExchangeType.Fanout;
            default:
                return settings.Type;
        }
    }
}
