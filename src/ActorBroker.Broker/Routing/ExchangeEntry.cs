using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Schemas;

namespace ActorBroker.Broker.Routing;

internal sealed record ExchangeEntry(string Name, ExchangeSettings Settings, ExchangeRouter Router)
{
    /// <summary>The schema every message published to this exchange must satisfy (<c>x-schema</c>), or null.</summary>
    public string? Schema { get; } = SchemaOf(Settings);

    /// <summary>How the router matches: the exchange's type, or a delayed exchange's <c>x-delayed-type</c>.</summary>
    public ExchangeType RouterType { get; } = ExchangeRouterTypes.Of(Settings);

    public ExchangeEntry WithClonedRouter() => this with { Router = Router.Clone(RouterType) };

    /// <exception cref="BrokerException">Precondition failed: <c>x-schema</c> is not a string.</exception>
    public static string? SchemaOf(ExchangeSettings settings)
    {
        if (settings.Arguments is null || !settings.Arguments.TryGetValue(MessageSchema.Argument, out var value))
        {
            return null;
        }

        return value.Kind == FieldKind.String
            ? value.AsString()
            : throw BrokerException.PreconditionFailed($"Invalid argument '{MessageSchema.Argument}' = {value} ({value.Kind}): expected the name of a schema (a string).");
    }
}
