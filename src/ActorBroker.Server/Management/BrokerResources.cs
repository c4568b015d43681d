using ActorBroker.Broker.Client;
using ActorBroker.Broker.Management;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Cluster;

namespace ActorBroker.Server.Management;

/// <summary>The broker's views of its objects as the API's resources.</summary>
internal static class BrokerResources
{
    public static QueueResource ToResource(this QueueInfo info, ClusterNodes nodes)
    {
        var counters = info.Counters;
        var declaration = info.Declaration;
        return new QueueResource(
            info.VirtualHost,
            info.Name,
            declaration.Durable,
            declaration.Exclusive,
            declaration.AutoDelete,
            FieldValueJson.ToJson(declaration.Arguments),
            info.TotalMessages(),
            counters.Ready,
            counters.Unacked,
            counters.ReadyBytes,
            counters.Consumers,
            counters.Published,
            counters.Delivered,
            counters.Redelivered,
            counters.Acked,
            counters.DeadLettered,
            info.PublishRate,
            info.DeliverRate,
            info.AckRate,
            info.DeadLetterExchange,
            info.DeadLetterRoutingKey)
        {
            Node = info.Owner is { } owner ? nodes.NameOf(owner) : null,
        };
    }

    /// <summary>Every message the queue holds: ready, unacknowledged, and waiting out a delayed requeue.</summary>
    public static long TotalMessages(this QueueInfo info) => (long)info.Counters.Ready + info.Counters.Unacked + info.Counters.Delayed;

    public static ExchangeResource ToResource(this ExchangeInfo info)
    {
        var settings = info.Settings;
        return new ExchangeResource(info.VirtualHost, info.Name, TypeName(settings.Type), settings.Durable, settings.AutoDelete,
            settings.Internal, FieldValueJson.ToJson(settings.Arguments));
    }

    public static BindingResource ToResource(this Binding binding, string vhost) => new(
        vhost,
        binding.Source,
        binding.Destination.Name,
        binding.Destination.Kind == DestinationKind.Queue ? "queue" : "exchange",
        binding.RoutingKey,
        FieldValueJson.ToJson(binding.Arguments));

    public static string TypeName(ExchangeType type) => ExchangeTypeNames.Name(type);

    /// <exception cref="ApiException">400: not one of direct, fanout, topic, headers, x-delayed-message.</exception>
    public static ExchangeType ParseType(string? name) => ExchangeTypeNames.TryParse(name, out var type)
        ? type
        : throw ApiException.BadRequest($"type = '{name}': expected one of {ExchangeTypeNames.Known}.");
}
