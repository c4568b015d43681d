using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Schemas;

namespace ActorBroker.Broker.Client;

/// <summary>
/// Message contracts on the publish path: checked on the publisher's thread against the host's schema registry,
/// before any queue sees the message, so a queue never holds a message that breaks its contract.
/// </summary>
public sealed partial class BrokerChannel
{
    /// <summary>Whether the schema of the exchange published to refuses the message (then no queue gets it).</summary>
    private bool RefusedByExchangeSchema(RouteResult route, Message message) =>
        route.ExchangeSchema is { } schema && SchemaCheck.Violation(Host.Schemas, schema, message.Body) is not null;
}
