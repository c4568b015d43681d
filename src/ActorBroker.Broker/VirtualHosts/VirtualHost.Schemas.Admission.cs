using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Schemas;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    /// <summary>
    /// Whether <paramref name="queue"/> may take the message. One that fails the queue's schema is dead-lettered
    /// instead (reason <c>schema</c>, the violation in <see cref="MessageSchema.ErrorHeader"/>). <paramref name="last"/> keeps
    /// the previous verdict, so a message routed to several queues of one schema is checked once.
    /// </summary>
    public bool AdmittedBySchema(QueueEndpoint queue, Message message, ref SchemaVerdict last)
    {
        if (queue.Arguments.Schema is not { } schema)
        {
            return true;
        }

        if (!string.Equals(last.Schema, schema, StringComparison.Ordinal))
        {
            last = new SchemaVerdict(schema, SchemaCheck.Violation(Schemas, schema, message.Body));
        }

        if (last.Violation is not { } violation)
        {
            return true;
        }

        var headers = message.Properties.Headers?.Clone() ?? [];
        headers[MessageSchema.ErrorHeader] = FieldValue.From(violation);
        DeadLetter(queue.Name, queue.Arguments, message.With(message.Properties with { Headers = headers }), DeadLetterReason.Schema);
        return false;
    }
}

/// <summary>The outcome of checking one message against one schema: null when it satisfies it.</summary>
internal readonly record struct SchemaVerdict(string? Schema, string? Violation);
