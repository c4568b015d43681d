using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

/// <summary>The server-properties table of connection.start, with the capabilities RabbitMQ advertises.</summary>
public static class ServerProperties
{
    /// <summary>The extensions this server supports, as RabbitMQ names them; clients switch features on by them.</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "publisher_confirms",
        "exchange_exchange_bindings",
        "basic.nack",
        "consumer_cancel_notify",
        "connection.blocked",
        "consumer_priorities",
        "authentication_failure_close",
        "per_consumer_qos",
        "direct_reply_to",
    ];

    public static FieldTable Build(ConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var capabilities = new FieldTable();
        foreach (var capability in Capabilities)
        {
            capabilities.Add(capability, FieldValue.Of(true));
        }

        return new FieldTable
        {
            { "capabilities", FieldValue.Of(capabilities) },
            { "cluster_name", FieldValue.Of(settings.ClusterName) },
            { "product", FieldValue.Of(settings.Product) },
            { "version", FieldValue.Of(settings.Version) },
            { "platform", FieldValue.Of(".NET " + Environment.Version) },
            { "information", FieldValue.Of("An actor-model message broker speaking AMQP 0-9-1") },
        };
    }
}
