using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Schemas;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Client;

/// <summary>
/// Message contracts on the publish path: checked on the publisher's thread against the host's schema registry,
/// before any queue sees the message, so a queue never holds a message that breaks its contract.
/// </summary>
public sealed partial class BrokerChannel
{
    /// <summary>The header a message dead-lettered for its schema carries: why it failed.</summary>
    public const string SchemaErrorHeader = "x-schema-error";

    /// <summary>Whether the schema of the exchange published to refuses the message (then no queue gets it).</summary>
    private bool RefusedByExchangeSchema(RouteResult route, Message message) =>
        route.ExchangeSchema is { } schema && SchemaCheck.Violation(Host.Schemas, schema, message.Body) is not null;

    /// <summary>
    /// Whether <paramref name="queue"/> may take the message. One that fails the queue's schema is dead-lettered
    /// instead (reason <c>schema</c>, the violation in <see cref="SchemaErrorHeader"/>). <paramref name="last"/>
    /// keeps the previous verdict, so a message routed to several queues of one schema is checked once.
    /// </summary>
    private bool AdmittedBySchema(QueueEndpoint queue, Message message, ref SchemaVerdict last)
    {
        if (queue.Arguments.Schema is not { } schema)
        {
            return true;
        }

        if (!string.Equals(last.Schema, schema, StringComparison.Ordinal))
        {
            last = new SchemaVerdict(schema, SchemaCheck.Violation(Host.Schemas, schema, message.Body));
        }

        if (last.Violation is not { } violation)
        {
            return true;
        }

        var headers = message.Properties.Headers?.Clone() ?? [];
        headers[SchemaErrorHeader] = FieldValue.From(violation);
        Host.DeadLetter(queue.Name, queue.Arguments, message.With(message.Properties with { Headers = headers }), DeadLetterReason.Schema);
        return false;
    }

    private readonly record struct SchemaVerdict(string? Schema, string? Violation);
}
